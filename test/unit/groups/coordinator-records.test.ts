// The __consumer_offsets records against the bytes Kafka's schemas define (OffsetCommitKey,
// OffsetCommitValue, GroupMetadataKey, GroupMetadataValue), and round trips over random fields.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeCoordinatorRecord,
  GROUP_RECORD_TYPES,
  groupMetadataKey,
  groupMetadataValue,
  offsetCommitKey,
  offsetCommitValue
} from '../../../src/engine/groups/coordinator-records'

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')

describe('__consumer_offsets records', () => {
  it('writes an offset commit as Kafka 4.2 does: key type 1, value version 4', () => {
    // int16 type 1; string "g"; string "t"; int32 partition 7
    expect(offsetCommitKey('g', 't', 7)).toEqual(hex('0001 0001 67 0001 74 00000007'))
    const value = offsetCommitValue({
      offset: 42n,
      leaderEpoch: 5,
      metadata: 'm',
      commitTimestamp: 1_700_000_000_000n
    })
    // int16 version 4 (flexible); int64 offset; int32 leaderEpoch; compact string metadata; int64
    // commitTimestamp; no tagged fields (a commit that named its topic by name: no TopicId)
    expect(value).toEqual(hex('0004 000000000000002a 00000005 02 6d 0000018bcfe56800 00'))
    expect(
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 7), value)
    ).toEqual({
      key: { type: 1, data: { group: 'g', topic: 't', partition: 7 } },
      value: {
        version: 4,
        data: {
          offset: 42,
          leaderEpoch: 5,
          metadata: 'm',
          commitTimestamp: 1_700_000_000_000
        }
      }
    })
    // A commit by topic id (OffsetCommit v10): the tagged TopicId (tag 0, 16 bytes).
    const id = '00112233-4455-6677-8899-aabbccddeeff'
    const byId = offsetCommitValue({
      offset: 42n,
      leaderEpoch: 5,
      metadata: 'm',
      commitTimestamp: 1_700_000_000_000n,
      topicId: id
    })
    expect(byId).toEqual(
      hex(
        '0004 000000000000002a 00000005 02 6d 0000018bcfe56800 01 00 10 00112233445566778899aabbccddeeff'
      )
    )
    expect(
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 7), byId).value?.data
        .topicId
    ).toBe(Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url'))
  })

  it('reads the version 3 offset commits written before', () => {
    // int16 version 3; int64 offset; int32 leaderEpoch; string metadata; int64 commitTimestamp
    const v3 = hex('0003 000000000000002a 00000005 0001 6d 0000018bcfe56800')
    expect(
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 7), v3).value
    ).toEqual({
      version: 3,
      data: { offset: 42, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1_700_000_000_000 }
    })
  })

  it('writes an offset with an expire timestamp in version 1, without a leader epoch', () => {
    const value = offsetCommitValue({
      offset: 1n,
      leaderEpoch: 9,
      metadata: '',
      commitTimestamp: 2n,
      expireTimestamp: 3n
    })
    expect(value).toEqual(hex('0001 0000000000000001 0000 0000000000000002 0000000000000003'))
    // Kafka's JSON of version 1 has the expire timestamp and no leader epoch.
    expect(
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 0), value).value
    ).toEqual({
      version: 1,
      data: { offset: 1, metadata: '', commitTimestamp: 2, expireTimestamp: 3 }
    })
  })

  it('writes a group metadata record with its members in version 3', () => {
    expect(groupMetadataKey('ab')).toEqual(hex('0002 0002 6162'))
    const value = groupMetadataValue({
      protocolType: 'consumer',
      generation: 2,
      protocol: 'range',
      leader: 'm1',
      currentStateTimestamp: 10n,
      members: [
        {
          memberId: 'm1',
          groupInstanceId: null,
          clientId: 'c',
          clientHost: '/h',
          rebalanceTimeout: 300,
          sessionTimeout: 100,
          subscription: hex('00'),
          assignment: hex('0102')
        }
      ]
    })
    expect(value).toEqual(
      hex(
        '0003' +
          '0008 636f6e73756d6572' + // protocolType
          '00000002' + // generation
          '0005 72616e6765' + // protocol
          '0002 6d31' + // leader
          '000000000000000a' + // currentStateTimestamp
          '00000001' + // members
          '0002 6d31 ffff 0001 63 0002 2f68 0000012c 00000064 00000001 00 00000002 0102'
      )
    )
    const decoded = decodeCoordinatorRecord(GROUP_RECORD_TYPES, groupMetadataKey('ab'), value)
    expect(decoded.key).toEqual({ type: 2, data: { group: 'ab' } })
    expect(decoded.value?.data.members).toEqual([
      {
        memberId: 'm1',
        groupInstanceId: null,
        clientId: 'c',
        clientHost: '/h',
        rebalanceTimeout: 300,
        sessionTimeout: 100,
        subscription: 'AA==',
        assignment: 'AQI='
      }
    ])
  })

  it('reads a tombstone as a key without a value', () => {
    expect(
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 0), null).value
    ).toBeNull()
  })

  it('says what is wrong with a record it cannot read', () => {
    expect(() => decodeCoordinatorRecord(GROUP_RECORD_TYPES, hex('0009 0001 67'), null)).toThrow(
      /record type 9/
    )
    expect(() =>
      decodeCoordinatorRecord(GROUP_RECORD_TYPES, offsetCommitKey('g', 't', 0), hex('0007'))
    ).toThrow(/OffsetCommitValue version 7 is outside 0-4/)
    expect(() => decodeCoordinatorRecord(GROUP_RECORD_TYPES, hex('00'), null)).toThrow(/too short/)
  })

  it('round-trips any offset commit and group metadata', () => {
    const int64 = fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n })
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        int64,
        fc.integer({ min: -1, max: 2 ** 31 - 1 }),
        fc.string(),
        int64,
        (group, topic, partition, offset, leaderEpoch, metadata, commitTimestamp) => {
          const d = decodeCoordinatorRecord(
            GROUP_RECORD_TYPES,
            offsetCommitKey(group, topic, partition),
            offsetCommitValue({ offset, leaderEpoch, metadata, commitTimestamp })
          )
          expect(d).toEqual({
            key: { type: 1, data: { group, topic, partition } },
            value: {
              version: 4,
              data: {
                offset: Number(offset),
                leaderEpoch,
                metadata,
                commitTimestamp: Number(commitTimestamp)
              }
            }
          })
        }
      )
    )
    const member = fc.record({
      memberId: fc.string(),
      groupInstanceId: fc.option(fc.string(), { nil: null }),
      clientId: fc.string(),
      clientHost: fc.string(),
      rebalanceTimeout: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
      sessionTimeout: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      subscription: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
      assignment: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a))
    })
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.string(), { nil: null }),
        int64,
        fc.array(member, { maxLength: 4 }),
        (group, protocolType, generation, protocol, leader, currentStateTimestamp, members) => {
          const d = decodeCoordinatorRecord(
            GROUP_RECORD_TYPES,
            groupMetadataKey(group),
            groupMetadataValue({
              protocolType,
              generation,
              protocol,
              leader,
              currentStateTimestamp,
              members
            })
          )
          expect(d.key.data).toEqual({ group })
          expect(d.value).toEqual({
            version: 3,
            data: {
              protocolType,
              generation,
              protocol,
              leader,
              currentStateTimestamp: Number(currentStateTimestamp),
              members: members.map((m) => ({
                ...m,
                subscription: m.subscription.toString('base64'),
                assignment: m.assignment.toString('base64')
              }))
            }
          })
        }
      )
    )
  })
})
