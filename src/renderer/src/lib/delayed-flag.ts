// A busy indicator that shows only once work has lasted a moment: a read that answers within it
// never flashes a spinner, and the spinner's fade-out never outlasts a fast answer.
import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** Shown after `source` has been true for `delayMs`; hidden as soon as it is false again. */
export function delayedFlag(source: () => boolean, delayMs: number): Readonly<Ref<boolean>> {
  const shown = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  const clear = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  watch(
    source,
    (on) => {
      clear()
      if (!on) shown.value = false
      else if (delayMs <= 0) shown.value = true
      else timer = setTimeout(() => ((timer = null), (shown.value = true)), delayMs)
    },
    { immediate: true, flush: 'sync' }
  )
  onScopeDispose(clear)
  return shown
}
