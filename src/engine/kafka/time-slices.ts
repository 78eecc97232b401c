// Long request work in slices: after each slice the handler yields to the event loop, so other
// connections, the HTTP API and timers are served while one large request runs.

/** How long one slice may run before yielding (ms). */
export const SLICE_MS = 20

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export interface SliceOptions<T, R> {
  sliceMs?: number
  stop?: () => boolean
  rest?: (item: T) => R
  /** Told how long each slice ran (ms): a request's handling time (RequestContext.countWork). */
  countWork?: (ms: number) => void
}

/**
 * Maps `items` through `fn` in order, yielding to the event loop whenever a slice has run for
 * `sliceMs`. Stops early, answering the rest with `rest(item)`, once `stop()` says so (the
 * client went away).
 */
export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: SliceOptions<T, R> = {}
): Promise<R[]> {
  const sliceMs = options.sliceMs ?? SLICE_MS
  const out: R[] = []
  let sliceStart = performance.now()
  const sliceEnds = () => options.countWork?.(performance.now() - sliceStart)
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - sliceStart >= sliceMs) {
      sliceEnds()
      await yieldToEventLoop()
      sliceStart = performance.now()
      if (options.stop?.() && options.rest) {
        for (let j = i; j < items.length; j++) out.push(options.rest(items[j]))
        sliceEnds()
        return out
      }
    }
    out.push(fn(items[i], i))
  }
  sliceEnds()
  return out
}

/** mapInSlices for a request's handler: each slice counts towards its handling time. */
export function mapRequestInSlices<T, R>(
  ctx: { countWork?: (ms: number) => void },
  items: readonly T[],
  fn: (item: T, index: number) => R
): Promise<R[]> {
  return mapInSlices(items, fn, { countWork: ctx.countWork })
}
