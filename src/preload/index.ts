// Preload (sandboxed): exposes one function per contract method and a typed event
// subscription as window.logdeck. Channels are derived from the contract, never passed in.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventNames, methodNames } from '../shared/methods'
import type { LogdeckBridge } from '../shared/contract'

const api = Object.fromEntries(
  methodNames.map((m) => [m, (params: unknown) => ipcRenderer.invoke(`api:${m}`, params)])
) as LogdeckBridge['api']

const bridge: LogdeckBridge = {
  api,
  on(event, listener) {
    if (!eventNames.includes(event)) throw new Error(`Unknown event '${String(event)}'`)
    const channel = `event:${event}`
    const wrapped = (_e: IpcRendererEvent, payload: Parameters<typeof listener>[0]) =>
      listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('logdeck', bridge)
