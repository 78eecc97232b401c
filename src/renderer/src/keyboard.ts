// Keyboard navigation: Alt+1..8 jumps to a view, "/" focuses the page's search box.
import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter } from 'vue-router'
import { navigation } from './router'

export function useKeyboardNavigation(): void {
  const router = useRouter()
  function onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null
    const typing = target?.closest('input, textarea, [contenteditable="true"]') !== null
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const item = navigation.find((n) => n.key === e.key)
      if (item) {
        e.preventDefault()
        void router.push(item.path)
      }
      return
    }
    if (e.key === '/' && !typing) {
      const search = document.querySelector<HTMLInputElement>('[data-search] input')
      if (search) {
        e.preventDefault()
        search.focus()
      }
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
