// Share sessions (Kafka's ShareSessionCache): epoch 0 opens (replacing the member's own session),
// the next epoch continues and adds or forgets partitions, -1 is accepted on any epoch to close,
// and a full cache refuses new members with SHARE_SESSION_LIMIT_REACHED.
import { describe, expect, it } from 'vitest'
import { ShareSessionCache } from '../../../src/engine/share-partitions/share-sessions'

const p = (topicId: string, partition: number) => ({ topicId, partition })

describe('ShareSessionCache', () => {
  it('follows Kafka epochs and partition updates', () => {
    const cache = new ShareSessionCache(10)
    expect(cache.check('g', 'm', 1)).toBe('SHARE_SESSION_NOT_FOUND')
    const s = cache.open('g', 'm', [p('t', 0), p('t', 1)])
    if (typeof s === 'string') throw new Error(s)
    expect(s.epoch).toBe(1)
    expect(cache.check('g', 'm', 2)).toBe('INVALID_SHARE_SESSION_EPOCH')
    expect(cache.check('g', 'm', 1)).toBe(s)
    cache.update(s, [p('u', 0)], [p('t', 0)])
    expect([...s.partitions.keys()]).toEqual(['t:1', 'u:0'])
    expect(s.epoch).toBe(2)
    // -1 is accepted whatever the epoch; closing removes the session.
    expect(cache.check('g', 'm', -1)).toBe(s)
    expect(cache.close('g', 'm')).toBe(s)
    expect(cache.check('g', 'm', 2)).toBe('SHARE_SESSION_NOT_FOUND')
  })

  it('wraps the epoch after Int32 max to 1, as Kafka does', () => {
    const cache = new ShareSessionCache(1)
    const s = cache.open('g', 'm', [])
    if (typeof s === 'string') throw new Error(s)
    s.epoch = 0x7fffffff
    cache.update(s, [], [])
    expect(s.epoch).toBe(1)
  })

  it('refuses a new member once full, but lets a member open its session again', () => {
    const cache = new ShareSessionCache(2)
    expect(typeof cache.open('g', 'a', [])).toBe('object')
    expect(typeof cache.open('g', 'b', [])).toBe('object')
    expect(cache.open('g', 'c', [])).toBe('SHARE_SESSION_LIMIT_REACHED')
    expect(typeof cache.open('g', 'a', [p('t', 0)])).toBe('object')
    expect(
      cache
        .closeGroup('g')
        .map((s) => s.memberId)
        .sort()
    ).toEqual(['a', 'b'])
    expect(cache.size).toBe(0)
  })
})
