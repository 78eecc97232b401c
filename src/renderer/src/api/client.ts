// The renderer's one api client. Only stores import it.
import type { LogdeckBridge } from '../../../shared/contract'
import {
  httpTransport,
  ipcTransport,
  takeToken,
  type HistoryLike,
  type LocationLike,
  type StorageLike,
  type Transport
} from './transport'
import { currentConnection } from './connection'
import { EMBEDDED_CONNECTION } from '../../../shared/api/connections'

/** What the client reads from the page; typed here so the module also compiles for tests. */
interface PageGlobals {
  logdeck?: LogdeckBridge
  location: LocationLike & { origin: string }
  sessionStorage: StorageLike
  history: HistoryLike
}

function pickTransport(): Transport {
  const page = globalThis as unknown as PageGlobals
  if (page.logdeck) return ipcTransport(page.logdeck)
  const token = takeToken(page.location, page.sessionStorage, page.history)
  return httpTransport(page.location.origin + '/', token)
}

/**
 * Every call but connections.* goes to the connection it names, the current one by default,
 * and only the current connection's events reach the stores.
 */
function onCurrentConnection(t: Transport): Transport {
  return {
    kind: t.kind,
    on: (event, listener) =>
      t.on(event, (payload) => {
        if (payload.connection === currentConnection()) listener(payload)
      }),
    call(method, params) {
      if (method.startsWith('connections.')) return t.call(method, params)
      const named = (params as { connection?: string }).connection
      const connection = named ?? currentConnection()
      if (connection === EMBEDDED_CONNECTION) return t.call(method, params)
      return t.call(method, { ...params, connection })
    }
  }
}

export const api: Transport = onCurrentConnection(pickTransport())
