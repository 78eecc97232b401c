// The bridge the preload exposes, as the renderer sees it.
import type { LogdeckBridge } from '../shared/contract'

declare global {
  interface Window {
    logdeck?: LogdeckBridge
  }
}

export {}
