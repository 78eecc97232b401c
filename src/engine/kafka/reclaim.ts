// Returns the memory of a large request to the system soon after it is let go. Buffers are freed
// only when V8 collects them, and V8 sees no reason to collect when the process then goes quiet:
// RSS would stay where the request took it. One full collection, debounced, hands it back.
// node:v8 and node:vm load with the first collection, not with the broker.
import { createRequire } from 'node:module'
import type * as V8 from 'node:v8'
import type * as Vm from 'node:vm'

/** Requests of at least this many bytes ask for a collection once released. */
export const RECLAIM_THRESHOLD = 8 * 1024 * 1024
const DELAY_MS = 200
const MIN_INTERVAL_MS = 2000

let collect: (() => void) | null | undefined
let timer: NodeJS.Timeout | null = null
let last = 0

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc
      if (exposed) collect = exposed
      else {
        const load = createRequire(import.meta.url)
        const v8 = load('node:v8') as typeof V8
        const vm = load('node:vm') as typeof Vm
        v8.setFlagsFromString('--expose-gc')
        collect = vm.runInNewContext('gc') as () => void
      }
    } catch {
      collect = null
    }
  }
  return collect
}

/** Schedules one full collection (at most one every 2 s). */
export function scheduleReclaim(): void {
  if (timer) return
  const wait = Math.max(DELAY_MS, last + MIN_INTERVAL_MS - Date.now())
  timer = setTimeout(() => {
    timer = null
    last = Date.now()
    collector()?.()
  }, wait)
  timer.unref()
}
