// The ceiling every part of a shutdown shares: how long it waits for the work already taken in
// (Kafka requests, console API calls) before it goes on without it.

/** How long a closing part waits for the calls and requests in flight. */
export const CLOSE_GRACE_MS = 5000

/** Resolves true once every promise has settled, or false after `ms`. */
export function settled(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  if (promises.length === 0) return Promise.resolve(true)
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    Promise.allSettled(promises).then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  ]).finally(() => clearTimeout(timer))
}
