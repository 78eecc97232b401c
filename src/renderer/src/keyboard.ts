// Keyboard navigation: Alt+0..9, Alt+- and Alt+A jump to a view, "/" focuses the page's search box, "n" starts
// a new topic, "?" lists the shortcuts.
import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter } from 'vue-router'
import { navigation } from './router'
import { useDialogsStore } from './stores/dialogs'
import { useWizardStore } from './stores/wizard'

export const shortcuts = [
  ...navigation.map((n) => ({ keys: ['Alt', n.key], action: `Go to ${n.label}` })),
  { keys: ['/'], action: 'Focus the search box of the page' },
  { keys: ['n'], action: 'Create a topic' },
  { keys: ['↑', '↓'], action: 'Move through the topics list' },
  { keys: ['Enter'], action: 'Open the highlighted topic' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Esc'], action: 'Close a dialog' }
]

/** The physical key of a shortcut, whatever the keyboard layout or Alt makes of its character. */
function keyCode(key: string): string {
  if (key === '-') return 'Minus'
  // A letter (Alt+A) by its key code: with Alt, macOS types another character.
  return /^[A-Z]$/.test(key) ? `Key${key}` : `Digit${key}`
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"]')
}

export function useKeyboardNavigation(): void {
  const router = useRouter()
  const dialogs = useDialogsStore()
  const wizard = useWizardStore()

  function onKey(e: KeyboardEvent): void {
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const item = navigation.find((n) => e.code === keyCode(n.key) || e.key === n.key)
      if (item) {
        e.preventDefault()
        void router.push(item.path)
      }
      return
    }
    if (e.ctrlKey || e.metaKey || isTyping(e.target)) return
    const modalOpen = document.querySelector('.n-modal-container .n-modal') !== null
    if (e.key === '/') {
      const search = document.querySelector<HTMLInputElement>('[data-search] input')
      if (search && !modalOpen) {
        e.preventDefault()
        search.focus()
      }
    } else if (e.key === '?' && !modalOpen) {
      e.preventDefault()
      dialogs.shortcuts = true
    } else if (e.key === 'n' && !modalOpen) {
      e.preventDefault()
      wizard.start()
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
