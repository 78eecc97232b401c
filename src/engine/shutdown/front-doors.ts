// The doors calls come in by besides Kafka's listeners: the console's HTTP API, the schema
// registry's REST API, the desktop app's IPC. A shutdown closes them first, as Kafka's broker
// closes its listeners before its log: each stops taking calls, lets the running ones finish
// (at most CLOSE_GRACE_MS) and answers them, and only then does the cluster close.
import { CLOSE_GRACE_MS, settled } from './close-grace'

export interface FrontDoor {
  /** Stops taking calls, waits for the running ones (bounded) and closes. */
  close(): Promise<void>
}

/** The front doors (closed together; null for one that is off), then the cluster. */
export async function closeFrontDoorsThen(
  doors: readonly (FrontDoor | null)[],
  cluster: { close(): Promise<void> }
): Promise<void> {
  await Promise.all(doors.map((d) => d?.close()))
  await cluster.close()
}

/** The calls a door has let in and not yet answered; once closing, it lets none in. */
export class CallsInFlight<C> {
  private readonly running = new Map<C, Promise<unknown>>()
  private closing = false

  get isClosing(): boolean {
    return this.closing
  }

  /** The calls let in and still running. */
  get calls(): C[] {
    return [...this.running.keys()]
  }

  /** Lets `call` in until it is `done` (false once closing: refuse it). */
  admit(call: C, done: Promise<unknown>): boolean {
    if (this.closing) return false
    this.running.set(call, done)
    const forget = () => void this.running.delete(call)
    done.then(forget, forget)
    return true
  }

  /**
   * Lets no more calls in and waits for the running ones, at most `graceMs`; resolves with
   * those still running then.
   */
  async drain(graceMs = CLOSE_GRACE_MS): Promise<C[]> {
    this.closing = true
    await settled([...this.running.values()], graceMs)
    return this.calls
  }
}
