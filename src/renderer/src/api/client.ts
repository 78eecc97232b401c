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

export const api: Transport = pickTransport()
