// How the renderer reaches the contract: the Electron preload bridge when present, HTTP and a
// WebSocket (headless/web mode) otherwise. Chosen once, here.
import type {
  ApiEvents,
  EventName,
  LogdeckBridge,
  MethodName,
  Params,
  Result
} from '../../../shared/contract'
import { isApiErrorBody } from '../../../shared/errors'
import { CallError } from './call-error'

export interface Transport {
  readonly kind: 'ipc' | 'http'
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

export function ipcTransport(bridge: LogdeckBridge): Transport {
  return {
    kind: 'ipc',
    async call(method, params) {
      const env = await bridge.api[method](params)
      if (env.ok) return env.result
      throw CallError.answered(env.error)
    },
    on: (event, listener) => bridge.on(event, listener)
  }
}

const TOKEN_KEY = 'logdeck.token'

/** The parts of the page's location, session storage and history the token handling needs. */
export interface LocationLike {
  href: string
}
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}
export interface HistoryLike {
  state: unknown
  replaceState(data: unknown, unused: string, url?: string | null): void
}

/** Takes the access token from the URL (?token=...) into session storage and hides it. */
export function takeToken(loc: LocationLike, storage: StorageLike, history: HistoryLike): string {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  }
  return fromUrl ?? storage.getItem(TOKEN_KEY) ?? ''
}

type Listener = (payload: unknown) => void

export function httpTransport(base: string, token: string): Transport {
  const listeners = new Map<EventName, Set<Listener>>()
  let socket: WebSocket | null = null
  let retry = 500

  function connect(): void {
    const wsUrl = new URL('api/events', base)
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:'
    wsUrl.searchParams.set('token', token)
    socket = new WebSocket(wsUrl)
    socket.onopen = () => (retry = 500)
    socket.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as { event: EventName; payload: unknown }
      listeners.get(msg.event)?.forEach((l) => l(msg.payload))
    }
    socket.onclose = () => {
      socket = null
      retry = Math.min(retry * 2, 10_000)
      setTimeout(connect, retry)
    }
  }

  return {
    kind: 'http',
    async call(method, params) {
      let res: Response
      try {
        res = await fetch(new URL(`api/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(params ?? {})
        })
      } catch {
        throw new CallError('UNREACHABLE', 'Logdeck is not reachable: is `logdeck serve` running?')
      }
      const body: unknown = await res.json().catch(() => null)
      if (res.ok) return body as Result<typeof method>
      const err = (body as { error?: unknown } | null)?.error
      if (isApiErrorBody(err)) throw CallError.answered(err)
      throw new CallError('INTERNAL', `HTTP ${res.status} from ${method}`)
    },
    on(event, listener) {
      if (!socket) connect()
      const set = listeners.get(event) ?? new Set<Listener>()
      listeners.set(event, set)
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    }
  }
}
