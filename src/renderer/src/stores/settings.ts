// User preferences kept in the browser: the colour theme.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

export type ThemePreference = 'system' | 'light' | 'dark'
const KEY = 'logdeck.theme'

export const useSettingsStore = defineStore('settings', () => {
  const stored = localStorage.getItem(KEY)
  const theme = ref<ThemePreference>(
    stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system'
  )
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const systemDark = ref(media.matches)
  media.addEventListener('change', (e) => (systemDark.value = e.matches))
  const dark = computed(
    () => theme.value === 'dark' || (theme.value === 'system' && systemDark.value)
  )
  watch(theme, (t) => localStorage.setItem(KEY, t))
  watch(dark, (d) => document.documentElement.setAttribute('data-theme', d ? 'dark' : 'light'), {
    immediate: true
  })

  function toggle(): void {
    theme.value = dark.value ? 'light' : 'dark'
  }

  return { theme, dark, toggle }
})
