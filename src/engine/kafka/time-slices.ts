// Long request work in slices: after each slice the handler yields to the event loop, so other
// connections, the HTTP API and timers are served while one large request runs.

/** How long one slice may run before yielding (ms). */
export const SLICE_MS = 20

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Maps `items` through `fn` in order, yielding to the event loop whenever a slice has run for
 * `sliceMs`. Stops early, answering the rest with `rest(item)`, once `stop()` says so (the
 * client went away).
 */
export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: { sliceMs?: number; stop?: () => boolean; rest?: (item: T) => R } = {}
): Promise<R[]> {
  const sliceMs = options.sliceMs ?? SLICE_MS
  const out: R[] = []
  let sliceStart = performance.now()
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop()
      sliceStart = performance.now()
      if (options.stop?.() && options.rest) {
        for (let j = i; j < items.length; j++) out.push(options.rest(items[j]))
        return out
      }
    }
    out.push(fn(items[i], i))
  }
  return out
}
