// User preferences kept in the browser: the colour theme and how timestamps are shown.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { isTimeDisplay, timeDisplay } from '../lib/time-display'

export type ThemePreference = 'system' | 'light' | 'dark'
const KEY = 'logdeck.theme'
const TIME_KEY = 'logdeck.timeDisplay'

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

  // The formatters read `timeDisplay`; the store keeps it across reloads.
  const storedTime = localStorage.getItem(TIME_KEY)
  if (isTimeDisplay(storedTime)) timeDisplay.value = storedTime
  watch(timeDisplay, (t) => localStorage.setItem(TIME_KEY, t))

  function toggle(): void {
    theme.value = dark.value ? 'light' : 'dark'
  }

  return { theme, dark, timeDisplay, toggle }
})
