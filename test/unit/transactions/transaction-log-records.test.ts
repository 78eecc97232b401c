// The __transaction_state records against the bytes Kafka's schemas define (TransactionLogKey,
// TransactionLogValue version 0 and the flexible version 1 with KIP-890's tagged fields), the
// version each transaction.version writes, and round trips over random fields.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCoordinatorRecord } from '../../../src/engine/groups/coordinator-records'
import {
  TRANSACTION_RECORD_TYPES,
  TRANSACTION_STATUS,
  transactionLogKey,
  transactionLogValue,
  transactionLogValueVersion
} from '../../../src/engine/transactions/transaction-log-records'
import {
  TRANSACTION_STATES,
  type TransactionState
} from '../../../src/engine/transactions/transaction-state'

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')
/** A transition without KIP-890's producer ids, of a client before transaction version 2. */
const NO_IDS = { previousProducerId: -1, nextProducerId: -1, clientTransactionVersion: 0 }
const decode = (key: Buffer, value: Buffer | null) =>
  decodeCoordinatorRecord(TRANSACTION_RECORD_TYPES, key, value)

describe('__transaction_state records', () => {
  it('writes the key as Kafka does: version 0, then the transactional id', () => {
    expect(transactionLogKey('tx')).toEqual(hex('0000 0002 7478'))
  })

  it('writes an ongoing transaction as value version 0 with its partitions grouped by topic', () => {
    const value = transactionLogValue(
      {
        producerId: 7,
        producerEpoch: 2,
        timeoutMs: 60_000,
        state: 'Ongoing',
        partitions: [
          { topic: 'a', partition: 1 },
          { topic: 'b', partition: 0 },
          { topic: 'a', partition: 3 }
        ],
        lastUpdateMs: 1000,
        startMs: 900,
        ...NO_IDS
      },
      0
    )
    expect(value).toEqual(
      hex(
        [
          '0000', // version 0
          '0000000000000007', // ProducerId
          '0002', // ProducerEpoch
          '0000ea60', // TransactionTimeoutMs
          '01', // TransactionStatus: Ongoing
          '00000002', // two topics
          '0001 61 00000002 00000001 00000003', // "a": [1, 3]
          '0001 62 00000001 00000000', // "b": [0]
          '00000000000003e8', // TransactionLastUpdateTimestampMs
          '0000000000000384' // TransactionStartTimestampMs
        ].join('')
      )
    )
    expect(decode(transactionLogKey('tx'), value)).toEqual({
      key: { type: 0, data: { transactionalId: 'tx' } },
      value: {
        version: 0,
        data: {
          producerId: 7,
          producerEpoch: 2,
          transactionTimeoutMs: 60_000,
          transactionStatus: 1,
          transactionPartitions: [
            { topic: 'a', partitionIds: [1, 3] },
            { topic: 'b', partitionIds: [0] }
          ],
          transactionLastUpdateTimestampMs: 1000,
          transactionStartTimestampMs: 900
        }
      }
    })
  })

  it('writes Empty with null partitions, as Kafka does', () => {
    const value = transactionLogValue(
      {
        producerId: 1,
        producerEpoch: 0,
        timeoutMs: 1,
        state: 'Empty',
        partitions: [{ topic: 'ignored', partition: 0 }],
        lastUpdateMs: 5,
        startMs: -1,
        ...NO_IDS
      },
      0
    )
    // ... status 00, partitions -1 (null), last update 5, start -1
    expect(value.subarray(16).toString('hex')).toBe(
      '00' + 'ffffffff' + '0000000000000005' + 'ffffffffffffffff'
    )
    expect(decode(transactionLogKey('x'), value).value?.data.transactionPartitions).toBeNull()
  })

  it('writes version 1 with the tagged producer ids and client transaction version (KIP-890)', () => {
    // A completed commit whose epoch bump overflowed: producer id 12 took over from 8.
    const value = transactionLogValue(
      {
        producerId: 12,
        producerEpoch: 0,
        timeoutMs: 60_000,
        state: 'CompleteCommit',
        partitions: [],
        lastUpdateMs: 1000,
        startMs: 900,
        previousProducerId: 8,
        nextProducerId: -1,
        clientTransactionVersion: 2
      },
      1
    )
    expect(value).toEqual(
      hex(
        [
          '0001', // version 1 (flexible)
          '000000000000000c', // ProducerId
          '0000', // ProducerEpoch
          '0000ea60', // TransactionTimeoutMs
          '04', // TransactionStatus: CompleteCommit
          '01', // no partitions (compact array)
          '00000000000003e8', // TransactionLastUpdateTimestampMs
          '0000000000000384', // TransactionStartTimestampMs
          '02', // two tagged fields (NextProducerId -1 is the default, left out)
          '00 08 0000000000000008', // tag 0 PreviousProducerId
          '02 02 0002' // tag 2 ClientTransactionVersion
        ].join('')
      )
    )
    const data = decode(transactionLogKey('tx'), value).value?.data as Record<string, unknown>
    // Tagged fields at their default are left out, as Kafka's JSON converters leave them out.
    expect(data).toMatchObject({
      producerId: 12,
      previousProducerId: 8,
      clientTransactionVersion: 2
    })
    expect(data).not.toHaveProperty('nextProducerId')
  })

  it("writes the value version Kafka's TransactionVersion names for each level", () => {
    expect([0, 1, 2].map(transactionLogValueVersion)).toEqual([0, 1, 1])
  })

  it("numbers the states as Kafka's TransactionState does", () => {
    expect(TRANSACTION_STATUS).toEqual({
      Empty: 0,
      Ongoing: 1,
      PrepareCommit: 2,
      PrepareAbort: 3,
      CompleteCommit: 4,
      CompleteAbort: 5,
      Dead: 6,
      PrepareEpochFence: 7
    })
  })

  it('reads the flexible version 1 Kafka writes with transaction.version 2, tagged fields and all', () => {
    const value = hex(
      [
        '0001',
        '0000000000000009', // ProducerId
        '0003', // ProducerEpoch
        '00002710', // TransactionTimeoutMs 10000
        '04', // CompleteCommit
        '01', // compact array: no topics
        '0000000000000064', // last update 100
        '0000000000000032', // start 50
        '02', // two tagged fields
        '00 08 0000000000000008', // tag 0 PreviousProducerId 8
        '02 02 0002' // tag 2 ClientTransactionVersion 2
      ].join(' ')
    )
    // NextProducerId, absent (-1), is left out as Kafka's JSON converter leaves out a tagged
    // field at its default.
    expect(decode(transactionLogKey('t'), value).value).toEqual({
      version: 1,
      data: {
        producerId: 9,
        previousProducerId: 8,
        producerEpoch: 3,
        transactionTimeoutMs: 10_000,
        transactionStatus: 4,
        transactionPartitions: [],
        transactionLastUpdateTimestampMs: 100,
        transactionStartTimestampMs: 50,
        clientTransactionVersion: 2
      }
    })
  })

  it('reads a tombstone, and says what is wrong with a record it cannot read', () => {
    expect(decode(transactionLogKey('gone'), null)).toEqual({
      key: { type: 0, data: { transactionalId: 'gone' } },
      value: null
    })
    expect(() => decode(hex('0001 0001 67'), null)).toThrow(/record type 1 .*TransactionLog/)
    expect(() => decode(transactionLogKey('t'), hex('0002'))).toThrow(
      /TransactionLogValue version 2 is outside 0-1/
    )
  })

  it('round-trips any transition', () => {
    const int64 = fc.bigInt({ min: -1n, max: 2n ** 53n - 1n }).map(Number)
    const ref = fc.record({
      topic: fc.constantFrom('a', 'b', 'orders', 'ü'),
      partition: fc.integer({ min: 0, max: 2 ** 31 - 1 })
    })
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 32_767 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom<TransactionState>(...TRANSACTION_STATES),
        fc.array(ref, { maxLength: 6 }),
        int64,
        int64,
        fc.record({
          version: fc.constantFrom(0, 1),
          previousProducerId: int64,
          nextProducerId: int64,
          clientTransactionVersion: fc.integer({ min: 0, max: 2 })
        }),
        (id, producerId, producerEpoch, timeoutMs, state, partitions, lastUpdateMs, startMs, v) => {
          const { version, ...ids } = v
          const d = decode(
            transactionLogKey(id),
            transactionLogValue(
              {
                producerId,
                producerEpoch,
                timeoutMs,
                state,
                partitions,
                lastUpdateMs,
                startMs,
                ...ids
              },
              version
            )
          )
          expect(d.value?.version).toBe(version)
          expect(d.key.data).toEqual({ transactionalId: id })
          const data = d.value?.data as Record<string, unknown>
          expect(data.transactionStatus).toBe(TRANSACTION_STATUS[state])
          expect(data.producerId).toBe(producerId)
          expect(data.producerEpoch).toBe(producerEpoch)
          expect(data.transactionTimeoutMs).toBe(timeoutMs)
          expect(data.transactionLastUpdateTimestampMs).toBe(lastUpdateMs)
          expect(data.transactionStartTimestampMs).toBe(startMs)
          if (version === 1)
            expect({ ...NO_IDS, ...data }).toMatchObject({
              previousProducerId: ids.previousProducerId,
              nextProducerId: ids.nextProducerId,
              clientTransactionVersion: ids.clientTransactionVersion
            })
          const read = data.transactionPartitions as { topic: string; partitionIds: number[] }[]
          if (state === 'Empty') expect(read).toBeNull()
          else
            expect(
              read.flatMap((t) => t.partitionIds.map((p) => `${t.topic}-${p}`)).sort()
            ).toEqual(partitions.map((p) => `${p.topic}-${p.partition}`).sort())
        }
      )
    )
  })
})
