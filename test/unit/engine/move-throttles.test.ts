// Which of the throttles the console set for its moves come off when some of those moves are
// over: a broker's rates once no move in flight goes through it (back to what it had before the
// first move that set them), a topic's throttled-replica pairs of the moves over only.
import { describe, expect, it } from 'vitest'
import {
  pairsAbsent,
  throttlesToRemove,
  trackMove,
  withoutPairs,
  type ThrottledMove
} from '../../../src/engine/cluster/move-throttles'

const none = { leader: null, follower: null }

function move(partition: number, rate: string, brokers: ThrottledMove['brokers']): ThrottledMove {
  return {
    topic: 't',
    partition,
    rate,
    brokers,
    leaderReplicas: [`${partition}:0`, `${partition}:1`],
    followerReplicas: [`${partition}:2`]
  }
}

describe('throttles of the console’s moves', () => {
  it('keeps a topic’s pairs and a broker’s rates while another move of it is in flight', () => {
    let tracked = trackMove(
      [],
      move(0, '1000', [
        { id: 0, leader: '500', follower: null },
        { id: 2, ...none }
      ])
    )
    // The second move finds broker 0 at the console's rate: it keeps what broker 0 had before.
    tracked = trackMove(
      tracked,
      move(1, '2000', [
        { id: 0, leader: '1000', follower: '1000' },
        { id: 3, ...none }
      ])
    )
    const first = throttlesToRemove(tracked, (_, p) => p === 1)
    expect(first.removal.done.map((m) => m.partition)).toEqual([0])
    expect(first.removal.brokers).toEqual([{ id: 2, rate: '1000', before: none }])
    expect(first.removal.topics).toEqual([
      { topic: 't', leaderReplicas: ['0:0', '0:1'], followerReplicas: ['0:2'] }
    ])
    expect(first.left.map((m) => m.partition)).toEqual([1])

    const second = throttlesToRemove(first.left, () => false)
    expect(second.removal.brokers).toEqual([
      { id: 0, rate: '2000', before: { leader: '500', follower: null } },
      { id: 3, rate: '2000', before: none }
    ])
    expect(second.left).toEqual([])
  })

  it('merges a new target of a partition into the move tracked for it', () => {
    const tracked = trackMove(
      trackMove(
        [],
        move(0, '1000', [
          { id: 0, ...none },
          { id: 2, ...none }
        ])
      ),
      {
        ...move(0, '3000', [
          { id: 0, leader: '1000', follower: '1000' },
          { id: 3, ...none }
        ]),
        followerReplicas: ['0:3']
      }
    )
    expect(tracked).toHaveLength(1)
    expect(tracked[0]).toMatchObject({
      rate: '3000',
      brokers: [
        { id: 0, ...none },
        { id: 2, ...none },
        { id: 3, ...none }
      ],
      followerReplicas: ['0:2', '0:3']
    })
  })

  it('takes pairs out of a list, and finds those a list lacks', () => {
    expect(withoutPairs('0:1, 0:2,1:2', ['0:2'])).toBe('0:1,1:2')
    expect(withoutPairs('0:2', ['0:2'])).toBeNull()
    expect(pairsAbsent('0:1,0:2', ['0:2', '0:3'])).toEqual(['0:3'])
    expect(pairsAbsent(null, ['0:2'])).toEqual(['0:2'])
  })
})
