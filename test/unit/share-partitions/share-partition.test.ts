// The share-partition state machine (KIP-932) under random acquisitions (whole batches, or at most
// the record limit, KIP-1206), acknowledgements (RENEW among them, KIP-1222), lock expiries and
// members leaving: no record is held by two members at once, no acquisition takes a locked record,
// a record is acquired exactly while its last acquisition or renewal's lock runs, a renewal keeps
// the delivery count, the start offset never passes a record still to be delivered or processed,
// delivery counts stay within the limit, a refused acknowledgement changes nothing, the persisted
// snapshot comes back with acquired records available, and draining the partition ends with every
// record ACKNOWLEDGED or ARCHIVED.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  SharePartition,
  type OfferedBatch
} from '../../../src/engine/share-partitions/share-partition'
import {
  AcknowledgeType,
  RecordState,
  type ShareLimits
} from '../../../src/engine/share-partitions/record-states'

const limits: ShareLimits = { lockDurationMs: 1000, deliveryCountLimit: 3, maxRecordLocks: 60 }
const MEMBERS = ['m1', 'm2', 'm3']

type Command =
  | {
      kind: 'acquire'
      member: string
      max: number
      recordLimit: boolean
      batches: { gap: number; size: number; archive: boolean }[]
    }
  | {
      kind: 'ack'
      member: string
      pick: number
      span: number
      type: number
      perRecord: boolean
      renew: boolean
    }
  | { kind: 'expire'; advance: number }
  | { kind: 'leave'; member: string }

const member = fc.constantFrom(...MEMBERS)
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('acquire' as const),
      member,
      max: fc.integer({ min: 1, max: 25 }),
      recordLimit: fc.boolean(),
      batches: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 2 }),
          size: fc.integer({ min: 1, max: 8 }),
          archive: fc.boolean()
        }),
        { maxLength: 4 }
      )
    })
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('ack' as const),
      member,
      pick: fc.nat(),
      span: fc.integer({ min: 1, max: 6 }),
      // RENEW half the time; the other types the other half.
      type: fc.oneof(
        fc.constantFrom(
          AcknowledgeType.ACCEPT,
          AcknowledgeType.RELEASE,
          AcknowledgeType.REJECT,
          AcknowledgeType.GAP
        ),
        fc.constant(AcknowledgeType.RENEW)
      ),
      perRecord: fc.boolean(),
      // Whether the request allows RENEW (version 2 with IsRenewAck): mostly.
      renew: fc.constantFrom(true, true, true, false)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('expire' as const),
      // Often less than a lock's duration, so that locks renewed meanwhile outlast their first.
      advance: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 1500 }))
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), member }) }
)

/** The state of every offset of the window. */
function window(sp: SharePartition) {
  const out = new Map<number, ReturnType<SharePartition['stateOf']>>()
  for (let o = sp.startOffset; o < sp.endOffset; o++) out.set(o, sp.stateOf(o))
  return out
}

const held = (sp: SharePartition, m: string): number[] =>
  [...window(sp)]
    .filter(([, s]) => s.state === RecordState.ACQUIRED && s.memberId === m)
    .map(([o]) => o)

const offsetsOf = (ranges: { firstOffset: number; lastOffset: number }[]): number[] =>
  ranges.flatMap((r) =>
    Array.from({ length: r.lastOffset - r.firstOffset + 1 }, (_, i) => r.firstOffset + i)
  )

function offered(
  sp: SharePartition,
  batches: Extract<Command, { kind: 'acquire' }>['batches']
): OfferedBatch[] {
  let next = sp.endOffset
  return batches.map((b) => {
    const baseOffset = next + b.gap
    next = baseOffset + b.size
    return { baseOffset, lastOffset: next - 1, archive: b.archive }
  })
}

describe('SharePartition', () => {
  it('keeps its invariants under random commands and drains to every record done', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.array(command, { maxLength: 60 }),
        (start, commands) => {
          const sp = new SharePartition({ startOffset: start, endOffset: start, stateBatches: [] })
          let now = 0
          // When each acquired record's lock ends: set by acquisition and RENEW.
          const locks = new Map<number, number>()
          for (const c of commands) {
            const before = window(sp)
            let settled = new Set<number>()
            if (c.kind === 'acquire') {
              const again = sp.acquireAvailable(c.member, c.max, now, limits)
              const taken = offsetsOf(again).length
              const fresh = sp.acquireNew(
                c.member,
                offered(sp, c.batches),
                c.max - taken,
                now,
                limits,
                c.recordLimit
              )
              const got = offsetsOf([...again, ...fresh])
              expect(new Set(got).size).toBe(got.length)
              if (c.recordLimit) expect(got.length).toBeLessThanOrEqual(c.max)
              for (const o of got) locks.set(o, now + limits.lockDurationMs)
              for (const o of got) {
                // Never a record another member holds, nor one already done.
                const was = before.get(o)
                if (was) expect(was.state).toBe(RecordState.AVAILABLE)
                const now_ = sp.stateOf(o)
                expect(now_).toMatchObject({ state: RecordState.ACQUIRED, memberId: c.member })
                expect(now_.deliveryCount).toBe((was?.deliveryCount ?? 0) + 1)
              }
            } else if (c.kind === 'ack') {
              const mine = held(sp, c.member)
              // Mostly the member's own records; sometimes a range reaching past them.
              const first =
                mine.length > 0 ? mine[c.pick % mine.length] : sp.startOffset + (c.pick % 10)
              const last = first + c.span - 1
              const types = c.perRecord ? Array.from({ length: c.span }, () => c.type) : [c.type]
              const valid = Array.from({ length: c.span }, (_, i) => first + i).every((o) =>
                mine.includes(o)
              )
              const named = Array.from({ length: c.span }, (_, i) => first + i)
              const snapshot = sp.snapshot()
              const problem = sp.acknowledge(
                c.member,
                [{ firstOffset: first, lastOffset: last, acknowledgeTypes: types }],
                limits,
                { renew: c.renew, now }
              )
              const renewing = c.type === AcknowledgeType.RENEW
              if (renewing && !c.renew) {
                // RENEW where the request does not allow it: an invalid type, nothing changes.
                expect(problem?.error).toBe('INVALID_REQUEST')
                expect(sp.snapshot()).toEqual(snapshot)
              } else if (valid) {
                expect(problem).toBeNull()
                if (renewing)
                  for (const o of named) {
                    // Still the member's, delivered as often as before, locked afresh.
                    locks.set(o, now + limits.lockDurationMs)
                    expect(sp.stateOf(o)).toEqual({ ...before.get(o), lockExpiresAt: locks.get(o) })
                  }
                else for (const o of named) locks.delete(o)
                if (c.type !== AcknowledgeType.RELEASE && !renewing) settled = new Set(named)
              } else {
                expect(problem?.error).toBe('INVALID_RECORD_STATE')
                expect(sp.snapshot()).toEqual(snapshot)
              }
            } else if (c.kind === 'expire') {
              now += c.advance
              sp.expireLocks(now, limits)
              for (const [o, at] of locks) if (at <= now) locks.delete(o)
            } else {
              for (const o of held(sp, c.member)) locks.delete(o)
              sp.releaseMember(c.member, limits)
            }
            // A record is acquired exactly while the lock of its last acquisition or renewal runs.
            const acquired = [...window(sp)]
              .filter(([, s]) => s.state === RecordState.ACQUIRED)
              .map(([o]) => o)
            expect(acquired.sort((a, b) => a - b)).toEqual([...locks.keys()].sort((a, b) => a - b))
            for (const [o, at] of locks) expect(sp.stateOf(o).lockExpiresAt, `offset ${o}`).toBe(at)
            expect(sp.nextLockExpiry()).toBe(locks.size === 0 ? null : Math.min(...locks.values()))
            // The start offset passed only records just settled, archived at the limit, or done.
            for (const [o, s] of before)
              if (
                o < sp.startOffset &&
                (s.state === RecordState.AVAILABLE || s.state === RecordState.ACQUIRED)
              )
                expect(
                  settled.has(o) || s.deliveryCount >= limits.deliveryCountLimit,
                  `offset ${o}`
                ).toBe(true)
            for (const [, s] of window(sp))
              expect(s.deliveryCount).toBeLessThanOrEqual(limits.deliveryCountLimit)
            if (sp.startOffset < sp.endOffset)
              expect([RecordState.AVAILABLE, RecordState.ACQUIRED]).toContain(
                sp.stateOf(sp.startOffset).state
              )
            // Persisted and loaded again: the same window, acquired records available.
            const loaded = new SharePartition(sp.snapshot())
            expect(loaded.startOffset).toBe(sp.startOffset)
            for (const [o, s] of window(sp))
              expect(loaded.stateOf(o).state).toBe(
                s.state === RecordState.ACQUIRED ? RecordState.AVAILABLE : s.state
              )
          }
          // Drain: locks expire, whatever is available is acquired and accepted, until none is left.
          sp.expireLocks(Number.MAX_SAFE_INTEGER, limits)
          for (
            let round = 0;
            round <= limits.deliveryCountLimit && sp.startOffset < sp.endOffset;
            round++
          ) {
            const got = sp.acquireAvailable('drain', Number.MAX_SAFE_INTEGER, now, limits)
            expect(
              sp.acknowledge(
                'drain',
                got.map((r) => ({ ...r, acknowledgeTypes: [AcknowledgeType.ACCEPT] })),
                limits
              )
            ).toBeNull()
          }
          expect(sp.startOffset).toBe(sp.endOffset)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('archives a record released at the delivery count limit and moves past it', () => {
    const sp = new SharePartition({ startOffset: 0, endOffset: 0, stateBatches: [] })
    sp.acquireNew('m1', [{ baseOffset: 0, lastOffset: 1, archive: false }], 10, 0, limits)
    for (let delivery = 1; delivery < limits.deliveryCountLimit; delivery++) {
      expect(
        sp.acknowledge(
          'm1',
          [{ firstOffset: 0, lastOffset: 0, acknowledgeTypes: [AcknowledgeType.RELEASE] }],
          limits
        )
      ).toBeNull()
      expect(sp.acquireAvailable('m1', 1, 0, limits)).toEqual([
        { firstOffset: 0, lastOffset: 0, deliveryCount: delivery + 1 }
      ])
    }
    sp.acknowledge(
      'm1',
      [{ firstOffset: 0, lastOffset: 0, acknowledgeTypes: [AcknowledgeType.RELEASE] }],
      limits
    )
    // Archived, so the start offset moves past it to offset 1, still held.
    expect(sp.startOffset).toBe(1)
    expect(sp.stateOf(1)).toMatchObject({ state: RecordState.ACQUIRED, memberId: 'm1' })
    expect(sp.acquireAvailable('m2', 10, 0, limits)).toEqual([])
  })

  it('refuses malformed acknowledgements as INVALID_REQUEST, naming the offsets', () => {
    const sp = new SharePartition({ startOffset: 0, endOffset: 0, stateBatches: [] })
    sp.acquireNew('m1', [{ baseOffset: 0, lastOffset: 4, archive: false }], 10, 0, limits)
    expect(
      sp.acknowledge('m1', [{ firstOffset: 3, lastOffset: 1, acknowledgeTypes: [1] }], limits)
    ).toEqual({
      error: 'INVALID_REQUEST',
      message: 'First offset after last offset: offsets 3-1'
    })
    expect(
      sp.acknowledge('m1', [{ firstOffset: 0, lastOffset: 2, acknowledgeTypes: [1, 1] }], limits)
        ?.message
    ).toBe('2 acknowledge types for 3 records: offsets 0-2')
    expect(
      sp.acknowledge('m1', [{ firstOffset: 0, lastOffset: 0, acknowledgeTypes: [4] }], limits)
        ?.error
    ).toBe('INVALID_REQUEST')
    expect(
      sp.acknowledge('m2', [{ firstOffset: 0, lastOffset: 0, acknowledgeTypes: [1] }], limits)
    ).toEqual({
      error: 'INVALID_RECORD_STATE',
      message: 'Offset 0 is not acquired by member m2 (offsets 0-0)'
    })
  })

  it('stops acquiring new records at the in-flight cap, and a log start moved past the window drops it', () => {
    const sp = new SharePartition({ startOffset: 0, endOffset: 0, stateBatches: [] })
    const capped = { ...limits, maxRecordLocks: 5 }
    sp.acquireNew(
      'm1',
      [
        { baseOffset: 0, lastOffset: 3, archive: false },
        { baseOffset: 4, lastOffset: 7, archive: false },
        { baseOffset: 8, lastOffset: 9, archive: false }
      ],
      100,
      0,
      capped
    )
    // Whole batches: the second one crosses the cap, the third is not taken.
    expect(sp.endOffset).toBe(8)
    expect(sp.canAcquireNew(capped)).toBe(false)
    sp.moveStartTo(20)
    expect([sp.startOffset, sp.endOffset, sp.acquiredCount()]).toEqual([20, 20, 0])
  })
})
