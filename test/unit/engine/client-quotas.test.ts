// Client quotas in the engine: Kafka's order of precedence between user, client id and their
// defaults, the throttle time owed for going over (Kafka's formula over the quota window), and
// quotas kept across a reopen.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../../../src/engine/engine'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(dataDir = ':memory:'): Engine {
  const e = Engine.open({
    dataDir,
    brokers: 1,
    port: 0,
    quotaWindow: { samples: 11, sampleMs: 1000 }
  })
  engines.push(e)
  return e
}

const T0 = 1_800_000_000_000

describe('client quotas', () => {
  it('picks the quota that binds a client in Kafka order, and counts defaults per client', () => {
    const e = open()
    const set = (entity: Record<string, string | null>, rate: number) =>
      e.alterClientQuotas([{ entity, values: { producer_byte_rate: rate } }])
    set({ 'client-id': null }, 8000)
    set({ 'client-id': 'app' }, 7000)
    set({ user: null }, 6000)
    set({ user: 'alice' }, 5000)
    set({ user: 'alice', 'client-id': 'app' }, 1000)
    // 10 s of window: the quota times ten goes through unthrottled.
    const over = (user: string, client: string, quota: number) =>
      e.useQuota('producer_byte_rate', user, client, quota * 10 + quota, T0)
    expect(over('alice', 'app', 1000)).toBe(1000)
    expect(over('alice', 'other', 5000)).toBe(1000)
    expect(over('bob', 'app', 6000)).toBe(1000)
    // A default is counted for each client on its own: carol starts afresh.
    expect(over('carol', 'x', 6000)).toBe(1000)
    e.alterClientQuotas([{ entity: { user: null }, values: { producer_byte_rate: null } }])
    expect(over('dave', 'app', 7000)).toBe(1000)
    expect(over('dave', 'y', 8000)).toBe(1000)
    expect(e.useQuota('consumer_byte_rate', 'alice', 'app', 1e9, T0)).toBe(0)
  })

  it('owes (rate - quota) / quota of the window, at most the whole window', () => {
    const e = open()
    e.alterClientQuotas([{ entity: { 'client-id': 'c' }, values: { consumer_byte_rate: 1000 } }])
    const use = (bytes: number, at: number) => e.useQuota('consumer_byte_rate', 'u', 'c', bytes, at)
    expect(use(10_000, T0)).toBe(0)
    // 20 kB over a 10 s window is 2 kB/s: one quota over, so one window (10 s) owed.
    expect(use(10_000, T0)).toBe(10_000)
    expect(use(1_000_000, T0)).toBe(11_000)
    const [u] = e.quotaUse(T0 + 3)
    expect(u).toMatchObject({
      key: 'consumer_byte_rate',
      quota: 1000,
      entity: { 'client-id': 'c' }
    })
    expect(u.throttleMsTotal).toBe(21_000)
  })

  it('counts request time in percent of a handler, owing at most one sample', () => {
    const e = open()
    e.alterClientQuotas([{ entity: { user: 'u' }, values: { request_percentage: 10 } }])
    // 10 % over a 10 s window is 1 s of handling (100 percent-seconds): within it, nothing owed.
    const use = (percentSeconds: number) =>
      e.useQuota('request_percentage', 'u', 'c', percentSeconds, T0)
    expect(use(100)).toBe(0)
    // 1.5 s of handling in 10 s is 15 %: half the quota over, so half the window (5 s) ... but
    // Kafka bounds request-time throttling by one sample (quota.window.size.seconds).
    expect(use(50)).toBe(1000)
    expect(e.clientQuotaSet('request_percentage')).toBe(true)
    expect(e.clientQuotaSet('producer_byte_rate')).toBe(false)
    const [u] = e.quotaUse(T0)
    expect(u).toMatchObject({ key: 'request_percentage', quota: 10, rate: 15 })
  })

  it('counts connections per IP and broker under the IP quota, else the default IP', () => {
    const e = open()
    e.alterClientQuotas([
      { entity: { ip: '10.0.0.1' }, values: { connection_creation_rate: 1 } },
      { entity: { ip: null }, values: { connection_creation_rate: 3 } }
    ])
    // 10 s of window: 10 connections a second's quota of 1 pass, the 11th is one over (10 %
    // over: 1 s owed), bounded by one sample as Kafka's ConnectionQuotas does.
    const connect = (ip: string, broker: number) => e.useConnectionQuota(ip, broker, T0)
    for (let i = 0; i < 10; i++) expect(connect('10.0.0.1', 0)).toBe(0)
    expect(connect('10.0.0.1', 0)).toBe(1000)
    // Another broker counts its own; another IP falls under the default IP's quota.
    expect(connect('10.0.0.1', 1)).toBe(0)
    for (let i = 0; i < 30; i++) expect(connect('10.0.0.2', 0)).toBe(0)
    expect(connect('10.0.0.2', 0)).toBeGreaterThan(0)
    expect(e.useConnectionQuota('10.0.0.1', 0, T0 + 3)).toBeGreaterThan(0)
  })

  it('keeps IP quotas apart from user and client-id ones', () => {
    const e = open()
    expect(() =>
      e.alterClientQuotas([
        { entity: { ip: '10.0.0.1', user: 'a' }, values: { connection_creation_rate: 1 } }
      ])
    ).toThrow(/IP entity should not be combined/)
    expect(() =>
      e.alterClientQuotas([{ entity: { ip: '10.0.0.1' }, values: { producer_byte_rate: 1 } }])
    ).toThrow(/not set on an IP/)
    expect(() =>
      e.alterClientQuotas([{ entity: { user: 'a' }, values: { connection_creation_rate: 1 } }])
    ).toThrow(/set on an IP/)
    expect(() =>
      e.alterClientQuotas([{ entity: { ip: 'host' }, values: { connection_creation_rate: 1 } }])
    ).toThrow(/not a valid IP/)
    expect(() =>
      e.alterClientQuotas([{ entity: { ip: '::1' }, values: { connection_creation_rate: 1.5 } }])
    ).toThrow(/whole number/)
    e.alterClientQuotas([{ entity: { ip: '::1' }, values: { connection_creation_rate: 5 } }])
    expect(e.clientQuotas([{ entityType: 'ip', match: { kind: 'any' } }])).toEqual([
      { entity: { ip: '::1' }, values: { connection_creation_rate: 5 } }
    ])
    expect(e.clientQuotas([{ entityType: 'user', match: { kind: 'any' } }])).toEqual([])
  })

  it('checks keys and values, and keeps quotas across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-quotas-'))
    dirs.push(dir)
    const e = open(dir)
    expect(() =>
      e.alterClientQuotas([{ entity: { user: 'a' }, values: { request_rate: 10 } }])
    ).toThrow(/request_rate/)
    expect(() =>
      e.alterClientQuotas([{ entity: { user: 'a' }, values: { producer_byte_rate: -1 } }])
    ).toThrow(/positive/)
    expect(() => e.alterClientQuotas([{ entity: {}, values: {} }])).toThrow(/names a user/)
    e.alterClientQuotas([
      { entity: { user: 'a', 'client-id': null }, values: { producer_byte_rate: 1024 } }
    ])
    e.alterClientQuotas([{ entity: { user: 'a' }, values: { consumer_byte_rate: 2048 } }], true)
    await e.close()
    engines.splice(engines.indexOf(e), 1)
    const again = open(dir)
    expect(again.clientQuotas()).toEqual([
      { entity: { 'client-id': null, user: 'a' }, values: { producer_byte_rate: 1024 } }
    ])
    expect(
      again.clientQuotas([{ entityType: 'client-id', match: { kind: 'default' } }], true)
    ).toEqual([])
    expect(
      again.clientQuotas([{ entityType: 'user', match: { kind: 'exact', name: 'a' } }])
    ).toHaveLength(1)
  })
})
