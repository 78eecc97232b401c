// Kafka's SimpleAssignor for share groups: balanced before sticky, partitions shared once there
// are more members than partitions, each topic balanced over its own subscribers when members
// subscribe to different topics.
import { describe, expect, it } from 'vitest'
import { simpleAssign } from '../../../src/engine/share-groups/simple-assignor'
import type { TopicPartitions } from '../../../src/engine/share-groups/share-group'

const counts = new Map([
  ['orders', 3],
  ['payments', 2]
])

function members(spec: Record<string, string[]>) {
  return Object.entries(spec).map(([memberId, topics]) => ({ memberId, topics: new Set(topics) }))
}

function flat(tp: TopicPartitions | undefined): string[] {
  return [...(tp ?? [])].flatMap(([t, set]) => [...set].map((p) => `${t}-${p}`)).sort()
}

describe('SimpleAssignor', () => {
  it('gives each partition to one member while there are fewer members than partitions', () => {
    const result = simpleAssign({
      members: members({ a: ['orders', 'payments'], b: ['orders', 'payments'] }),
      partitionCounts: counts,
      previous: new Map()
    })
    const a = flat(result.get('a'))
    const b = flat(result.get('b'))
    expect([...a, ...b].sort()).toEqual([
      'orders-0',
      'orders-1',
      'orders-2',
      'payments-0',
      'payments-1'
    ])
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(1)
  })

  it('shares partitions once members outnumber them, every member getting some', () => {
    const result = simpleAssign({
      members: members({ a: ['payments'], b: ['payments'], c: ['payments'] }),
      partitionCounts: counts,
      previous: new Map()
    })
    // ceil(3 / 2) = 2 members per partition, 4 assignments over 3 members.
    const all = ['a', 'b', 'c'].map((m) => flat(result.get(m)))
    for (const got of all) expect(got.length).toBeGreaterThanOrEqual(1)
    const holders = (p: string) => all.filter((got) => got.includes(p)).length
    expect(holders('payments-0')).toBe(2)
    expect(holders('payments-1')).toBe(2)
  })

  it('keeps what a member had when balance allows, and moves only what it must', () => {
    const previous = new Map<string, TopicPartitions>([
      ['a', new Map([['orders', new Set([0, 1, 2])]])]
    ])
    const result = simpleAssign({
      members: members({ a: ['orders'], b: ['orders'] }),
      partitionCounts: counts,
      previous
    })
    const a = flat(result.get('a'))
    const b = flat(result.get('b'))
    expect(a.length + b.length).toBe(3)
    expect(a.every((p) => ['orders-0', 'orders-1', 'orders-2'].includes(p))).toBe(true)
    expect(b.length).toBeGreaterThanOrEqual(1)
    expect(a.filter((p) => b.includes(p))).toEqual([])
  })

  it('balances each topic over its own subscribers when subscriptions differ', () => {
    const result = simpleAssign({
      members: members({ a: ['orders'], b: ['orders', 'payments'] }),
      partitionCounts: counts,
      previous: new Map()
    })
    expect(flat(result.get('a')).every((p) => p.startsWith('orders-'))).toBe(true)
    expect(flat(result.get('b'))).toEqual(expect.arrayContaining(['payments-0', 'payments-1']))
    const orders = [...flat(result.get('a')), ...flat(result.get('b'))].filter((p) =>
      p.startsWith('orders-')
    )
    expect(orders.sort()).toEqual(['orders-0', 'orders-1', 'orders-2'])
  })

  it('drops partitions of topics a member no longer subscribes to', () => {
    const previous = new Map<string, TopicPartitions>([
      ['a', new Map([['payments', new Set([0, 1])]])]
    ])
    const result = simpleAssign({
      members: members({ a: ['orders'] }),
      partitionCounts: counts,
      previous
    })
    expect(flat(result.get('a'))).toEqual(['orders-0', 'orders-1', 'orders-2'])
  })

  it('assigns nothing for topics that do not exist', () => {
    const result = simpleAssign({
      members: members({ a: ['missing'] }),
      partitionCounts: counts,
      previous: new Map()
    })
    expect(flat(result.get('a'))).toEqual([])
  })
})
