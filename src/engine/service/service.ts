// The contract served over its backends: every call's params are validated against the
// method's schema before a handler runs, the call goes to the backend of the connection it
// names (the embedded cluster by default), and every failure becomes an ApiError.
import type {
  Api,
  ApiEvents,
  ClusterEvents,
  Envelope,
  EventName,
  MethodName,
  Params,
  Result
} from '../../shared/contract'
import { EMBEDDED_CONNECTION, type connectionsParams } from '../../shared/api/connections'
import { ApiError } from '../../shared/errors'
import { toApiError } from './api-errors'
import { isMethodName, takeConnection, validateParams } from './validate-params'
import type { Area, Backend } from './backend'
import type { CopySink } from './copy'

export interface Service {
  /** Validates `params` (untrusted input) and runs the method. Rejects with ApiError. */
  call<M extends MethodName>(method: M, params: unknown): Promise<Result<M>>
  /** Looks a method up by a name that came from outside. */
  callByName(method: string, params: unknown): Promise<unknown>
  /**
   * Runs the method for an edge that sends errors as data (Electron IPC): the result, or the
   * contract's error body. Never rejects.
   */
  answer<M extends MethodName>(method: M, params: unknown): Promise<Envelope<Result<M>>>
  /** The answer for a caller the edge does not trust: FORBIDDEN, and nothing run. */
  refusal(why: string): Envelope<never>
  /** Push events of every cluster, each tagged with its connection. */
  subscribe(listener: TaggedEventListener): () => void
}

export type TaggedEventListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void

/** A cluster's event as the contract pushes it: tagged with the connection it came from. */
export function tagged<E extends EventName>(
  payload: ClusterEvents[E],
  connection: string
): ApiEvents[E] {
  return { ...payload, connection } as ApiEvents[E]
}

/** The connections besides the embedded cluster: connections.* and each one's backend. */
export interface Connections {
  readonly api: Area<typeof connectionsParams>
  /** The backend of a connection other than `embedded`; throws NOT_FOUND for an unknown id. */
  backend(id: string): Backend
  /** Push events of the connections' backends, each tagged with its connection. */
  subscribe(listener: TaggedEventListener): () => void
}

function handlersOf(backend: Backend): Partial<Api> {
  return {
    ...backend.cluster,
    ...backend.topics,
    ...backend.messages,
    ...backend.groups,
    ...backend.partitions,
    ...backend.metrics,
    ...backend.transactions,
    ...backend.demo,
    ...backend.faults,
    ...backend.users,
    ...backend.acls,
    ...backend.quotas,
    ...backend.clientMetrics,
    ...backend.brokerConfigs,
    ...backend.schemas
  }
}

export function createService(embedded: Backend, connections?: Connections): Service {
  const handlers = new WeakMap<Backend, Partial<Api>>()
  function backendOf(connection: string, field = 'connection'): Backend {
    if (connection === EMBEDDED_CONNECTION) return embedded
    if (!connections) throw new ApiError('NOT_FOUND', `No connection '${connection}'`, field)
    try {
      return connections.backend(connection)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND')
        throw new ApiError('NOT_FOUND', err.message, field)
      throw err
    }
  }
  function handler<M extends MethodName>(method: M, connection: string) {
    if (method.startsWith('connections.')) {
      const api = connections?.api as Partial<Api> | undefined
      const h = api?.[method]
      if (!h) throw new ApiError('UNAVAILABLE', 'Connections are not managed here')
      return h as (p: Params<M>) => Promise<Result<M>>
    }
    const backend = backendOf(connection)
    let map = handlers.get(backend)
    if (!map) handlers.set(backend, (map = handlersOf(backend)))
    return map[method] as (p: Params<M>) => Promise<Result<M>>
  }

  async function call<M extends MethodName>(method: M, raw: unknown): Promise<Result<M>> {
    const taken = takeConnection(method, raw ?? {})
    const params = validateParams(method, taken.params)
    try {
      const across = acrossClusters(method, params, taken.connection)
      if (across) return (await across) as Result<M>
      return await handler(method, taken.connection)(params)
    } catch (err) {
      throw toApiError(err, method)
    }
  }

  /**
   * A copy (or its count) from one connection's cluster into another's: the source's backend
   * reads, the target's sink writes. Null for every other call.
   */
  function acrossClusters(
    method: MethodName,
    params: unknown,
    connection: string
  ): Promise<unknown> | null {
    if (method !== 'messages.copy' && method !== 'messages.copyCount') return null
    const p = params as Params<'messages.copyCount'>
    if (p.targetConnection === undefined || p.targetConnection === connection) return null
    const source = backendOf(connection)
    const target = backendOf(p.targetConnection, 'targetConnection')
    const into = p.targetConnection
    return (async () => {
      if (p.target === undefined) return handler('messages.copyCount', connection)(p)
      const made = await target.copy.sink(p.target)
      const sink: CopySink = {
        topic: made.topic,
        partitions: made.partitions,
        connection: into,
        write: (partition, records) => made.write(partition, records)
      }
      if (method === 'messages.copyCount')
        return handler('messages.copyCount', connection)({ ...p, target: undefined })
      return source.copy.start(p as Params<'messages.copy'>, sink, true)
    })()
  }

  return {
    call,
    callByName(method, params) {
      if (!isMethodName(method))
        return Promise.reject(new ApiError('UNKNOWN_METHOD', `Unknown method '${method}'`))
      return call(method, params)
    },
    async answer(method, params) {
      try {
        return { ok: true, result: await call(method, params) }
      } catch (err) {
        return { ok: false, error: toApiError(err, method).toJSON() }
      }
    },
    refusal: (why) => ({ ok: false, error: new ApiError('FORBIDDEN', why).toJSON() }),
    subscribe(listener) {
      const offs = [
        embedded.subscribe((event, payload) =>
          listener(event, tagged(payload, EMBEDDED_CONNECTION))
        ),
        connections?.subscribe(listener)
      ]
      return () => offs.forEach((off) => off?.())
    }
  }
}
