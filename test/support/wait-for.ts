// Waits for a condition instead of sleeping a fixed time: polls until it holds, and fails naming
// what was awaited once the time is up.
import type { Service } from '../../src/engine/service/service'

/** Polls `check` until it holds. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000
): Promise<void> {
  await waitForValue(what, async () => ((await check()) ? true : undefined), timeoutMs)
}

/** Polls `probe` until it gives a value, and returns that value. */
export async function waitForValue<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The operation (a search, a copy) once `operations.list` shows it done. */
export async function operationDone(svc: Service, operationId: string, timeoutMs = 120_000) {
  return waitForValue(
    `operation ${operationId} to finish`,
    async () => {
      const { operations } = await svc.call('operations.list', {})
      const op = operations.find((o) => o.operationId === operationId)
      if (!op) throw new Error(`operation ${operationId} is gone`)
      return op.done ? op : undefined
    },
    timeoutMs
  )
}
