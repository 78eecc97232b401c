// The console hears only its current cluster's events: the api client drops events tagged with
// another connection, and follows a switch of the current connection.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { ApiEvents, EventName, LogdeckBridge } from '../../../src/shared/contract'

// The page's globals as the desktop app has them: the preload bridge and local storage.
const bus = new EventEmitter()
const stored = new Map<string, string>()
Object.assign(globalThis, {
  logdeck: {
    api: {},
    on: (event: EventName, listener: (payload: unknown) => void) => {
      bus.on(event, listener)
      return () => bus.off(event, listener)
    }
  } as unknown as LogdeckBridge,
  localStorage: {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v)
  }
})
const { api } = await import('../../../src/renderer/src/api/client')
const { setCurrentConnection } = await import('../../../src/renderer/src/api/connection')

const topicEvent = (connection: string, name: string): ApiEvents['topics.changed'] => ({
  reason: 'created',
  name,
  connection
})

describe('events by connection', () => {
  it("passes on the current connection's events only", () => {
    const heard: string[] = []
    const off = api.on('topics.changed', (e) => heard.push(`${e.connection}/${e.name}`))
    bus.emit('topics.changed', topicEvent('embedded', 'a'))
    bus.emit('topics.changed', topicEvent('staging', 'b'))
    setCurrentConnection('staging')
    bus.emit('topics.changed', topicEvent('embedded', 'c'))
    bus.emit('topics.changed', topicEvent('staging', 'd'))
    off()
    bus.emit('topics.changed', topicEvent('staging', 'e'))
    expect(heard).toEqual(['embedded/a', 'staging/d'])
  })
})
