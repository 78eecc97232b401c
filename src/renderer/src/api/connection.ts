// Which cluster the console works on: the connection every call names (the embedded cluster
// by default), remembered across reloads in this browser.
import { EMBEDDED_CONNECTION } from '../../../shared/api/connections'

const KEY = 'logdeck.connection'

interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

function storage(): StorageLike | null {
  return (globalThis as { localStorage?: StorageLike }).localStorage ?? null
}

export function currentConnection(): string {
  return storage()?.getItem(KEY) || EMBEDDED_CONNECTION
}

export function setCurrentConnection(id: string): void {
  storage()?.setItem(KEY, id)
}
