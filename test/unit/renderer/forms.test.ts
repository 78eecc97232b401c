// Pure parts of the search, replay and produce stores.
import { describe, expect, it, vi } from 'vitest'

vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call: vi.fn(), on: vi.fn() } }))

const { filterError, toFilter } = await import('../../../src/renderer/src/stores/search')
const { replayErrors, copyParams } = await import('../../../src/renderer/src/stores/replay')
const { produceParams, produceErrors, jsonWarning } =
  await import('../../../src/renderer/src/stores/produce')
const { filterAndSort } = await import('../../../src/renderer/src/stores/topics')

const draft = (over = {}) => ({
  id: 1,
  field: 'value' as const,
  headerKey: '',
  op: 'contains' as const,
  value: 'x',
  ...over
})

describe('search filters', () => {
  it('are checked before the engine sees them', () => {
    expect(filterError(draft())).toBeNull()
    expect(filterError(draft({ value: '' }))).toMatch(/Enter what to look for/)
    expect(filterError(draft({ op: 'regex', value: '(' }))).toMatch(
      /Not a valid regular expression/
    )
    expect(filterError(draft({ op: 'jsonPath', value: 'status' }))).toMatch(/starts with '\$'/)
    expect(filterError(draft({ field: 'header', headerKey: ' ' }))).toMatch(/Which header/)
  })

  it('become contract filters', () => {
    expect(toFilter(draft())).toEqual({ field: 'value', op: 'contains', value: 'x' })
    expect(toFilter(draft({ field: 'header', headerKey: ' trace ', op: 'equals' }))).toEqual({
      field: 'header',
      headerKey: 'trace',
      op: 'equals',
      value: 'x'
    })
  })
})

describe('replay form', () => {
  const form = {
    targetConnection: null,
    target: 'orders',
    records: null,
    partition: 'all' as const,
    fromOffset: 10,
    untilOffset: 20,
    useFilters: false,
    keepPartition: false,
    keepTimestamps: true
  }

  it('refuses copying into the source and an empty range', () => {
    expect(replayErrors('orders.dlq', form)).toEqual({})
    expect(replayErrors('orders', form).target).toMatch(/into itself/)
    // The same name on another cluster is another topic.
    expect(replayErrors('orders', { ...form, targetConnection: 'staging' })).toEqual({})
    expect(replayErrors('x', { ...form, target: null }).target).toMatch(/Choose/)
    expect(replayErrors('x', { ...form, untilOffset: 10 }).untilOffset).toMatch(
      /after the first offset/
    )
  })

  it('builds messages.copy params', () => {
    expect(copyParams('orders.dlq', { ...form, partition: 2 } as never, undefined)).toEqual({
      source: 'orders.dlq',
      target: 'orders',
      partitions: [2],
      fromOffset: 10,
      untilOffset: 20,
      keepPartition: false,
      keepTimestamps: true
    })
    const open = copyParams('a', { ...form, fromOffset: null, untilOffset: null }, [
      { field: 'key', op: 'equals', value: 'k' }
    ])
    expect(open).not.toHaveProperty('fromOffset')
    expect(open).not.toHaveProperty('targetConnection')
    expect(open.filters).toHaveLength(1)
    expect(copyParams('a', { ...form, targetConnection: 'staging' }, undefined)).toMatchObject({
      target: 'orders',
      targetConnection: 'staging'
    })
  })

  it('copies the selected records, of any partitions, instead of a range', () => {
    const records = [
      { partition: 2, offset: 3 },
      { partition: 0, offset: 10 }
    ]
    const sel = { ...form, records, untilOffset: 5 }
    expect(replayErrors('orders.dlq', sel)).toEqual({})
    expect(copyParams('orders.dlq', sel, undefined)).toEqual({
      source: 'orders.dlq',
      target: 'orders',
      records,
      keepPartition: false,
      keepTimestamps: true
    })
  })
})

describe('produce form', () => {
  const form = {
    key: 'k',
    nullKey: false,
    value: 'v',
    tombstone: false,
    headers: [
      { key: 'a', value: '1' },
      { key: ' ', value: 'x' }
    ],
    partition: 'auto' as const
  }

  it('builds messages.produce params', () => {
    expect(produceParams('t', form)).toEqual({
      topic: 't',
      key: 'k',
      value: 'v',
      headers: { a: '1' }
    })
    expect(
      produceParams('t', {
        ...form,
        nullKey: true,
        tombstone: true,
        headers: [],
        partition: 3
      } as never)
    ).toEqual({
      topic: 't',
      key: null,
      value: null,
      partition: 3
    })
    expect(produceParams('t', { ...form, headers: [], valueSubject: 't-value' })).toEqual({
      topic: 't',
      key: 'k',
      value: 'v',
      valueSchema: { subject: 't-value' }
    })
    // A tombstone has no value to encode.
    expect(
      produceParams('t', { ...form, headers: [], tombstone: true, valueSubject: 't-value' })
    ).toEqual({ topic: 't', key: 'k', value: null })
    // A version and a Protobuf message picked, and a key schema (none for a null key).
    const typed = {
      ...form,
      headers: [],
      valueSubject: 't-value',
      valueVersion: 2,
      valueMessage: 'shop.Order.Line',
      keySubject: 't-key',
      keyVersion: null,
      keyMessage: null
    }
    expect(produceParams('t', typed)).toEqual({
      topic: 't',
      key: 'k',
      value: 'v',
      valueSchema: { subject: 't-value', version: 2, message: 'shop.Order.Line' },
      keySchema: { subject: 't-key' }
    })
    expect(produceParams('t', { ...typed, nullKey: true }).keySchema).toBeUndefined()
  })

  it('catches duplicate headers and keyless tombstones, warns about broken JSON', () => {
    expect(
      produceErrors({
        ...form,
        headers: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' }
        ]
      }).headers
    ).toMatch(/twice/)
    expect(produceErrors({ ...form, nullKey: true, tombstone: true }).value).toMatch(/needs a key/)
    expect(jsonWarning('{"a":')).toMatch(/does not parse/)
    expect(jsonWarning('{"a":1}')).toBeNull()
    expect(jsonWarning('plain text')).toBeNull()
  })
})

describe('topics list', () => {
  const t = (name: string, partitions: number, messages = 0) => ({
    name,
    internal: false,
    partitions,
    replicationFactor: 1,
    messages,
    sizeBytes: 0,
    recordsPerSec: 0,
    bytesPerSec: 0,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    hotPartition: null,
    cleanupPolicy: 'delete'
  })
  const list = [t('b', 3, 5), t('a', 1, 9), t('Orders', 3, 1)]

  it('searches ignoring case and sorts with the name as tie-breaker', () => {
    expect(filterAndSort(list, 'ORD', 'name', 'ascend').map((x) => x.name)).toEqual(['Orders'])
    expect(filterAndSort(list, '', 'partitions', 'descend').map((x) => x.name)).toEqual([
      'b',
      'Orders',
      'a'
    ])
    expect(filterAndSort(list, '', 'messages', 'ascend').map((x) => x.name)).toEqual([
      'Orders',
      'b',
      'a'
    ])
    expect(list.map((x) => x.name)).toEqual(['b', 'a', 'Orders']) // not sorted in place
  })
})
