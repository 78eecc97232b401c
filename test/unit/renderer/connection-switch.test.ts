// Switching cluster in place: the stores of the cluster left are disposed with their event
// subscriptions and timers, the next ones load from the new connection, the connections and
// preferences stay; a call may name another connection than the current one; and the topic or
// group a view is about is read from its route.
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { EventName, LogdeckBridge, MethodName } from '../../../src/shared/contract'
import type { TopicSummary } from '../../../src/shared/model'
import { routeEntity } from '../../../src/renderer/src/lib/route-entity'

// The page's globals as the desktop app has them: a preload bridge in front of two clusters
// (each connection's topics, and the calls each received), and local storage.
const bus = new EventEmitter()
const stored = new Map<string, string>()
const topicsOf: Record<string, string[]> = {
  embedded: ['local-a'],
  staging: ['orders', 'payments']
}
const received: { method: string; connection: string }[] = []

const summary = (name: string): TopicSummary =>
  ({
    name,
    internal: false,
    partitions: 1,
    replicationFactor: 1,
    messages: 0,
    sizeBytes: 0,
    recordsPerSec: 0,
    bytesPerSec: null,
    underReplicatedPartitions: 0,
    offlinePartitions: 0
  }) as TopicSummary

function answer(method: MethodName, params: Record<string, unknown>): unknown {
  const connection = typeof params.connection === 'string' ? params.connection : 'embedded'
  received.push({ method, connection })
  if (method === 'topics.list') return { topics: (topicsOf[connection] ?? []).map(summary) }
  if (method === 'topics.describe') {
    if (!(topicsOf[connection] ?? []).includes(String(params.name)))
      return { notFound: `Unknown topic '${String(params.name)}'` }
    return { name: params.name, partitions: [], configs: {} }
  }
  return {}
}

Object.assign(globalThis, {
  logdeck: {
    api: new Proxy(
      {},
      {
        get: (_, method: MethodName) => (params: Record<string, unknown>) => {
          const result = answer(method, params) as { notFound?: string }
          return Promise.resolve(
            result.notFound
              ? { ok: false, error: { code: 'NOT_FOUND', message: result.notFound } }
              : { ok: true, result }
          )
        }
      }
    ),
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
const { useTopicsStore } = await import('../../../src/renderer/src/stores/topics')
const { useConnectionsStore } = await import('../../../src/renderer/src/stores/connections')

const names = (topics: readonly TopicSummary[]) => topics.map((t) => t.name)

afterEach(() => {
  vi.useRealTimers()
  stored.clear()
})

describe('switching connection in place', () => {
  it('disposes the cluster stores, their subscriptions and loops; the next ones load afresh', async () => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
    const connections = useConnectionsStore()
    const before = useTopicsStore()
    before.follow()
    // A view refreshes the list on a loop (every 5 s).
    before.watchStats()
    const first = before.load()
    await vi.advanceTimersByTimeAsync(1000)
    await first
    expect(names(before.topics)).toEqual(['local-a'])
    expect(bus.listenerCount('topics.changed')).toBe(1)
    expect(bus.listenerCount('cluster.changed')).toBe(1)

    connections.switchTo('staging')
    expect(connections.currentId).toBe('staging')
    expect(bus.listenerCount('topics.changed')).toBe(0)
    expect(bus.listenerCount('cluster.changed')).toBe(0)
    // Nothing calls the new cluster on behalf of the store left: its loop is stopped, and an
    // event it would have heard reaches nobody.
    received.length = 0
    bus.emit('topics.changed', { reason: 'created', name: 'x', connection: 'staging' })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(received).toEqual([])

    const after = useTopicsStore()
    expect(after).not.toBe(before)
    expect(after.topics).toEqual([])
    expect(after.loaded).toBe(false)
    after.follow()
    const loaded = after.load()
    await vi.advanceTimersByTimeAsync(1000)
    await loaded
    expect(names(after.topics)).toEqual(['orders', 'payments'])
    expect(received).toEqual([{ method: 'topics.list', connection: 'staging' }])
    expect(bus.listenerCount('topics.changed')).toBe(1)
    // The connections store is the same one: it outlives a switch.
    expect(useConnectionsStore()).toBe(connections)

    // A store disposed does not subscribe again.
    before.follow()
    expect(bus.listenerCount('topics.changed')).toBe(1)

    connections.switchTo('embedded')
    expect(names(useTopicsStore().topics)).toEqual([])
  })

  it('checks a topic on the connection it names, whatever the current one', async () => {
    setActivePinia(createPinia())
    const connections = useConnectionsStore()
    expect(connections.currentId).toBe('embedded')
    expect(await connections.holds('staging', { kind: 'topic', name: 'orders' })).toBe(true)
    expect(await connections.holds('staging', { kind: 'topic', name: 'local-a' })).toBe(false)
    expect(await connections.holds('embedded', { kind: 'topic', name: 'local-a' })).toBe(true)
    received.length = 0
    await api.call('topics.list', { connection: 'staging' })
    await api.call('topics.list', {})
    expect(received.map((r) => r.connection)).toEqual(['staging', 'embedded'])
  })
})

describe('the entity a route is about', () => {
  it('reads topics and groups from paths and queries', () => {
    const r = (name: string, params = {}, query = {}) => routeEntity({ name, params, query })
    expect(r('topic', { name: 'orders' })).toEqual({ kind: 'topic', name: 'orders' })
    expect(r('group', { groupId: 'billing' })).toEqual({ kind: 'group', groupId: 'billing' })
    expect(r('messages', {}, { topic: 'orders', partition: '1' })).toEqual({
      kind: 'topic',
      name: 'orders'
    })
    expect(r('hot-partitions', {}, { topic: ['a', 'b'] })).toEqual({ kind: 'topic', name: 'a' })
    expect(r('messages')).toBeNull()
    expect(r('topics')).toBeNull()
    expect(r('overview')).toBeNull()
  })
})
