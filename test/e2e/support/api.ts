// The contract called directly, for test setup and for checking what the UI did.
import type { MethodName, Params, Result } from '../../../src/shared/contract'
import type { ServeProcess } from '../../support/serve-process'

export class ApiClient {
  constructor(private readonly server: ServeProcess) {}

  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const res = await fetch(`${this.server.apiBase}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(params)
    })
    const body: unknown = await res.json()
    if (!res.ok) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(body)}`)
    return body as Result<M>
  }

  /** Whether the engine serves a method yet (503 UNAVAILABLE until it does). */
  async serves<M extends MethodName>(method: M, params: Params<M>): Promise<boolean> {
    const res = await fetch(`${this.server.apiBase}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(params)
    })
    return res.status !== 503
  }

  createTopic(
    name: string,
    partitions = 3,
    replicationFactor = 3,
    configs?: Record<string, string>
  ) {
    return this.call('topics.create', {
      name,
      partitions,
      replicationFactor,
      ...(configs ? { configs } : {})
    })
  }

  /** Runs `work` over `items` with at most `concurrency` in flight. */
  static async pool<T>(
    items: T[],
    concurrency: number,
    work: (item: T) => Promise<unknown>
  ): Promise<void> {
    let next = 0
    const runners = Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++])
    })
    await Promise.all(runners)
  }
}
