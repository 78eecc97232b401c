// The renderer's one api client. Only stores import it.
import { httpTransport, ipcTransport, takeToken, type Transport } from './transport'

function pickTransport(): Transport {
  if (window.logdeck) return ipcTransport(window.logdeck)
  const token = takeToken(window.location, window.sessionStorage, window.history)
  return httpTransport(window.location.origin + '/', token)
}

export const api: Transport = pickTransport()
