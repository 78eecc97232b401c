// Search filters see keys and values in the registry's wire format decoded (JSON path on the
// decoded value), in steps on the main thread and in the scan worker alike; the matches come
// back decoded; replay copies typed records as stored (same schema id), filtered on the decoded
// value.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import type { ApiEvents } from '../../../src/shared/contract'
import type { MessageRecord } from '../../../src/shared/api/messages'

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})

function open(dataDir: string): Service {
  const engine = Engine.open({ dataDir, brokers: 1, port: 0 })
  const registry = SchemaRegistry.open(dataDir)
  closers.push(
    () => engine.close(),
    () => registry.close()
  )
  return createService(embeddedBackend(engine, { registry }))
}

function finished(svc: Service, operationId: string): Promise<ApiEvents['operation.progress']> {
  return new Promise((resolve) => {
    const off = svc.subscribe((event, payload) => {
      const p = payload as ApiEvents['operation.progress']
      if (event === 'operation.progress' && p.operationId === operationId && p.done) {
        off()
        resolve(p)
      }
    })
  })
}

const payment = JSON.stringify({
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] } }
  ]
})

async function seed(svc: Service): Promise<number> {
  await svc.call('topics.create', { name: 'payments', partitions: 2, replicationFactor: 1 })
  await svc.call('topics.create', { name: 'large', partitions: 1, replicationFactor: 1 })
  // The same schema in a subject that sorts first: records of payments name payments-value.
  await svc.call('schemas.register', { subject: 'archive-value', schema: payment })
  const { id } = await svc.call('schemas.register', { subject: 'payments-value', schema: payment })
  for (let i = 0; i < 40; i++)
    await svc.call('messages.produce', {
      topic: 'payments',
      key: `p-${i}`,
      value: JSON.stringify({ id: `p-${i}`, amount: i * 10, currency: i % 2 ? 'USD' : 'EUR' }),
      valueSchema: { subject: 'payments-value' }
    })
  // A plain JSON record that a JSON path also matches: filters work on both.
  await svc.call('messages.produce', {
    topic: 'payments',
    key: 'plain',
    value: '{"id":"plain","amount":1000,"currency":"USD"}'
  })
  return id
}

async function search(svc: Service, filters: Parameters<Service['call']>[1]) {
  const { operationId } = await svc.call('messages.search', {
    topic: 'payments',
    from: 'earliest',
    filters: filters as never,
    limit: 1000
  })
  await finished(svc, operationId)
  return (await svc.call('messages.searchResults', { operationId })).records
}

const ids = (records: MessageRecord[]) =>
  records.map((r) => (JSON.parse(r.value!) as { id: string }).id).sort()

describe.each([
  ['in steps on the main thread', () => ':memory:'],
  [
    'in the scan worker',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'logdeck-typed-search-'))
      closers.push(() => rmSync(dir, { recursive: true, force: true }))
      return dir
    }
  ]
])('search %s', (_where, dataDir) => {
  it('filters on decoded values and returns the matches decoded', async () => {
    const svc = open(dataDir())
    const id = await seed(svc)
    const big = await search(svc, [
      { field: 'value', op: 'jsonPath', value: '$.amount >= 350' },
      { field: 'value', op: 'contains', value: '"currency":"USD"' }
    ])
    expect(ids(big)).toEqual(['p-35', 'p-37', 'p-39', 'plain'])
    const typed = big.filter((r) => r.key !== 'plain')
    for (const r of typed) {
      expect(r.valueSchema).toEqual({ id, type: 'AVRO', subject: 'payments-value', version: 1 })
      expect(Buffer.from(r.valueRaw!, 'base64')[0]).toBe(0)
    }
    expect(big.find((r) => r.key === 'plain')?.valueSchema).toBeUndefined()
    // The raw bytes hold no JSON: without decoding nothing would match.
    expect(
      await search(svc, [{ field: 'value', op: 'jsonPath', value: "$.id == 'p-7'" }])
    ).toHaveLength(1)
  })
})

describe('replay', () => {
  it('copies typed records as stored, filtered on the decoded value', async () => {
    const svc = open(':memory:')
    const id = await seed(svc)
    const { operationId } = await svc.call('messages.copy', {
      source: 'payments',
      target: 'large',
      filters: [{ field: 'value', op: 'jsonPath', value: '$.amount > 300' }]
    })
    expect((await finished(svc, operationId)).matched).toBe(10)
    const copied = (
      await svc.call('messages.read', {
        topic: 'large',
        partition: 0,
        from: 'earliest',
        limit: 100
      })
    ).records
    expect(ids(copied)).toEqual(
      ['p-31', 'p-32', 'p-33', 'p-34', 'p-35', 'p-36', 'p-37', 'p-38', 'p-39', 'plain'].sort()
    )
    for (const r of copied.filter((c) => c.key !== 'plain')) {
      // No large-value subject: the first subject holding the schema is named.
      expect(r.valueSchema).toMatchObject({ id, subject: 'archive-value' })
      const raw = Buffer.from(r.valueRaw!, 'base64')
      expect(raw.readInt32BE(1)).toBe(id)
    }
  })
})
