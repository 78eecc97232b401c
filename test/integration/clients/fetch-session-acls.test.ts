// Fetch sessions (KIP-227) under ACLs, with the client that uses them, @platformatic/kafka
// (librdkafka 2.0.2, kafkajs and kafka-python 2.0 open no sessions): once READ on a topic is
// removed, the next incremental fetch of a session holding its partition, which names no
// partition since no position changed, answers it TOPIC_AUTHORIZATION_FAILED and none of its new
// records, while the same session goes on serving the other topic's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { stringConsumer, type StringConsumer } from '../../support/platformatic-clients'

const OPEN = 'session-acl-open'
const REVOKED = 'session-acl-revoked'

let cluster: TestCluster
let consumer: StringConsumer

const readAcl = (topic: string): AclBinding => ({
  resourceType: 'TOPIC',
  resourceName: topic,
  patternType: 'LITERAL',
  principal: 'User:ANONYMOUS',
  host: '*',
  operation: 'READ',
  permission: 'ALLOW'
})

const produce = async (topic: string, count: number, from: number) => {
  for (let i = from; i < from + count; i++)
    await cluster.service.call('messages.produce', { topic, value: `${topic}-${i}` })
}

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1, authorizer: {} })
  for (const name of [OPEN, REVOKED])
    cluster.engine.createTopic({ name, partitions: 1, replicationFactor: 1 })
  await cluster.service.call('acls.create', { acls: [readAcl(OPEN), readAcl(REVOKED)] })
  consumer = stringConsumer(cluster.bootstrap.split(','), 'it-session-acls', 'session-acls')
})
afterAll(async () => {
  await consumer?.close()
  await cluster?.close()
})

type FetchResponse = Awaited<ReturnType<StringConsumer['fetch']>>

/** The broker's answer, also when the client throws it for a partition's error. */
async function fetchAnswer(
  ids: Map<string, string>,
  offsets: Record<string, bigint>
): Promise<FetchResponse> {
  const topics = Object.entries(offsets).map(([name, fetchOffset]) => ({
    topicId: ids.get(name)!,
    partitions: [
      {
        partition: 0,
        fetchOffset,
        currentLeaderEpoch: -1,
        lastFetchedEpoch: -1,
        partitionMaxBytes: 1 << 20
      }
    ]
  }))
  type Thrown = { response?: FetchResponse; errors?: Thrown[] }
  try {
    return await consumer.fetch({ node: 0, topics, maxWaitTime: 100 })
  } catch (err) {
    const thrown = err as Thrown
    const response = thrown.response ?? thrown.errors?.find((e) => e.response)?.response
    if (!response) throw err
    return response
  }
}

/** topic -> [error code, values] of each partition answered. */
function byTopic(r: FetchResponse, names: Map<string, string>) {
  return Object.fromEntries(
    r.responses.map((t) => {
      const p = t.partitions[0]
      const values = (p.records ?? []).flatMap((b) => b.records.map((rec) => String(rec.value)))
      return [names.get(t.topicId), [p.errorCode, values]]
    })
  )
}

describe('fetch sessions under ACLs with @platformatic/kafka', () => {
  it('a partition whose READ was removed is refused within its session, which serves the others', async () => {
    await produce(OPEN, 3, 0)
    await produce(REVOKED, 3, 0)
    const metadata = await consumer.metadata({ topics: [OPEN, REVOKED] })
    const ids = new Map([OPEN, REVOKED].map((name) => [name, metadata.topics.get(name)!.id]))
    const names = new Map([...ids].map(([name, id]) => [id, name]))
    const sessions = cluster.fetchSessions.forBroker(0)

    // A full fetch opens the session; the next, at the new positions, is incremental.
    const full = await fetchAnswer(ids, { [OPEN]: 0n, [REVOKED]: 0n })
    expect(full.sessionId).not.toBe(0)
    expect(byTopic(full, names)).toEqual({
      [OPEN]: [0, [`${OPEN}-0`, `${OPEN}-1`, `${OPEN}-2`]],
      [REVOKED]: [0, [`${REVOKED}-0`, `${REVOKED}-1`, `${REVOKED}-2`]]
    })
    const moved = await fetchAnswer(ids, { [OPEN]: 3n, [REVOKED]: 3n })
    expect(moved.sessionId).toBe(full.sessionId)
    const session = sessions.get(full.sessionId)!
    const epochBefore = session.epoch

    await cluster.service.call('acls.delete', { filter: readAcl(REVOKED) })
    await produce(OPEN, 2, 3)
    await produce(REVOKED, 2, 3)

    // Nothing moved: the request names no partition, the session holds both.
    const after = await fetchAnswer(ids, { [OPEN]: 3n, [REVOKED]: 3n })
    expect(after.errorCode).toBe(0)
    expect(after.sessionId).toBe(full.sessionId)
    expect(byTopic(after, names)).toEqual({
      [OPEN]: [0, [`${OPEN}-3`, `${OPEN}-4`]],
      [REVOKED]: [ErrorCode.TOPIC_AUTHORIZATION_FAILED, []]
    })
    // The session goes on: the same one, one epoch later, still holding both partitions.
    expect(sessions.get(full.sessionId)).toBe(session)
    expect(session.epoch).toBe(epochBefore + 1)
    expect([...session.partitions.values()].map((p) => p.topic).sort()).toEqual([OPEN, REVOKED])
  })
})
