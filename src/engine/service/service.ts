// The contract served over one backend: every call's params are validated against the
// method's schema before a handler runs; every failure becomes an ApiError.
import type { Api, ApiEvents, EventName, MethodName, Params, Result } from '../../shared/contract'
import { ApiError } from '../../shared/errors'
import { toApiError } from './api-errors'
import { isMethodName, validateParams } from '../../shared/validate'
import type { Backend } from './backend'

export interface Service {
  /** Validates `params` (untrusted input) and runs the method. Rejects with ApiError. */
  call<M extends MethodName>(method: M, params: unknown): Promise<Result<M>>
  /** Looks a method up by a name that came from outside. */
  callByName(method: string, params: unknown): Promise<unknown>
  subscribe(listener: <E extends EventName>(event: E, payload: ApiEvents[E]) => void): () => void
}

export function createService(backend: Backend): Service {
  const handlers: Api = {
    ...backend.cluster,
    ...backend.topics,
    ...backend.messages,
    ...backend.groups,
    ...backend.partitions,
    ...backend.metrics,
    ...backend.demo
  }

  async function call<M extends MethodName>(method: M, raw: unknown): Promise<Result<M>> {
    const params = validateParams(method, raw)
    const handler = handlers[method] as (p: Params<M>) => Promise<Result<M>>
    try {
      return await handler(params)
    } catch (err) {
      throw toApiError(err, method)
    }
  }

  return {
    call,
    callByName(method, params) {
      if (!isMethodName(method))
        return Promise.reject(new ApiError('UNKNOWN_METHOD', `Unknown method '${method}'`))
      return call(method, params)
    },
    subscribe: (listener) => backend.subscribe(listener)
  }
}
