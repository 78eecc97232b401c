// Authorization of the data APIs: Produce (WRITE on each topic, and on the transactional id),
// ListOffsets, OffsetForLeaderEpoch and Metadata (DESCRIBE; Metadata leaves out the topics a
// principal may not describe when it lists all, and auto-creates only with CREATE),
// DeleteRecords (DELETE), DescribeTopicPartitions (DESCRIBE, as Metadata). Fetch's READ is
// checked in its handler (fetch-access.ts).
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'
import { perName, refuseEach, split, type Rule } from './gate'

const TOPIC_DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED

export const produceRule: Rule<typeof ApiKey.Produce> = (body, access, version, ctx) => {
  const refuse = (td: (typeof body.topicData)[number], errorCode: number) => ({
    name: td.name,
    topicId: td.topicId,
    partitionResponses: td.partitionData.map((pd) => ({
      index: pd.index,
      errorCode,
      baseOffset: -1n,
      logAppendTimeMs: -1n,
      logStartOffset: -1n
    }))
  })
  const txn = body.transactionalId
  // A refused acks=0 produce has no answer: the connection closes, as Kafka closes it.
  const closeIfAcks0 = (what: string) => {
    if (body.acks === 0) ctx.closeAfterResponse?.(`an acks=0 produce was refused (${what})`)
  }
  if (txn !== null && !access.transactionalId('WRITE', txn)) {
    closeIfAcks0('TRANSACTIONAL_ID_AUTHORIZATION_FAILED')
    return {
      answer:
        body.acks === 0
          ? null
          : {
              responses: body.topicData.map((td) =>
                refuse(td, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
              )
            }
    }
  }
  const canWrite = perName((name) => access.topic('WRITE', name))
  // Produce 13: an id no topic has ('' as its name) is the handler's UNKNOWN_TOPIC_ID, as
  // Kafka answers it before authorizing the topics it could name.
  const unknownId = (td: { name: string }) => version >= 13 && td.name === ''
  const [kept, refused] = split(body.topicData, (td) => unknownId(td) || canWrite(td.name))
  if (refused.length === 0) return { body }
  closeIfAcks0(`TOPIC_AUTHORIZATION_FAILED on ${refused.map((td) => td.name).join(', ')}`)
  return {
    body: { ...body, topicData: kept },
    patch: (r) => ({
      ...r,
      responses: [...(r.responses ?? []), ...refused.map((td) => refuse(td, TOPIC_DENIED))]
    })
  }
}

export const listOffsetsRule: Rule<typeof ApiKey.ListOffsets> = (body, access) => {
  const canDescribe = perName((name) => access.topic('DESCRIBE', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canDescribe(t.name)),
    'topics',
    (t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: TOPIC_DENIED,
        timestamp: -1n,
        offset: -1n
      }))
    })
  )
}

export const offsetForLeaderEpochRule: Rule<typeof ApiKey.OffsetForLeaderEpoch> = (
  body,
  access
) => {
  const canDescribe = perName((name) => access.topic('DESCRIBE', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canDescribe(t.topic)),
    'topics',
    (t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        errorCode: TOPIC_DENIED,
        leaderEpoch: -1,
        endOffset: -1n
      }))
    })
  )
}

export const deleteRecordsRule: Rule<typeof ApiKey.DeleteRecords> = (body, access) => {
  const canDelete = perName((name) => access.topic('DELETE', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canDelete(t.name)),
    'topics',
    (t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        lowWatermark: -1n,
        errorCode: TOPIC_DENIED
      }))
    })
  )
}

export const metadataRule: Rule<typeof ApiKey.Metadata> = (body, access, version, ctx) => {
  const { engine, settings } = ctx
  const all = body.topics === null || (version === 0 && body.topics.length === 0)
  if (all) {
    // Listing every topic: those the principal may not describe are left out, silently.
    const visible = perName((name) => access.quietly('DESCRIBE', 'TOPIC', name))
    return {
      body,
      patch: (r) => ({ ...r, topics: (r.topics ?? []).filter((t) => visible(t.name ?? '')) })
    }
  }
  const autoCreate = settings.autoCreateTopics && (version < 4 || body.allowAutoTopicCreation)
  const canDescribe = perName((name) => access.topic('DESCRIBE', name))
  const canCreate = perName(
    (name) => access.quietly('CREATE', 'CLUSTER', 'kafka-cluster') || access.topic('CREATE', name)
  )
  const allowed = (t: { name: string | null; topicId: string }): boolean => {
    const name = t.name ?? engine.topicById(t.topicId)?.name
    if (name === undefined) return true // an unknown topic id: the handler says so
    if (!canDescribe(name)) return false
    return !autoCreate || engine.topic(name) !== undefined || canCreate(name)
  }
  const [kept, refused] = split(body.topics ?? [], allowed)
  if (refused.length === 0) return { body }
  const keptNames = new Set(kept.map((t) => t.name ?? engine.topicById(t.topicId)?.name))
  return {
    body: { ...body, topics: kept },
    patch: (r) => ({
      ...r,
      topics: [
        // v0 reads an empty list as "every topic": only the allowed ones are kept.
        ...(r.topics ?? []).filter(
          (t) => keptNames.has(t.name ?? undefined) || t.errorCode === ErrorCode.UNKNOWN_TOPIC_ID
        ),
        ...refused.map((t) => ({
          errorCode: TOPIC_DENIED,
          name: t.name ?? (version >= 12 ? null : ''),
          topicId: t.topicId,
          isInternal: false,
          partitions: []
        }))
      ]
    })
  }
}

/**
 * DescribeTopicPartitions: DESCRIBE on each topic from the cursor's on, as Kafka's handler asks
 * it. Listing every topic, those the principal may not describe are left out before the page is
 * cut (no cursor names one); named ones are answered TOPIC_AUTHORIZATION_FAILED, without a topic
 * id, after the page. A cursor on a refused topic starts the page at the next one.
 */
export const describeTopicPartitionsRule: Rule<typeof ApiKey.DescribeTopicPartitions> = (
  body,
  access,
  _version,
  ctx
) => {
  const cursor = body.cursor
  // A malformed cursor: the handler refuses the whole request.
  if (cursor && cursor.partitionIndex < 0) return { body }
  if (cursor && body.topics.length > 0 && !body.topics.some((t) => t.name === cursor.topicName))
    return { body }
  const first = cursor?.topicName ?? ''
  const from = (name: string) => name >= first
  const all = body.topics.length === 0
  const named = all
    ? ctx.engine.listTopics().map((t) => t.name)
    : [...new Set(body.topics.map((t) => t.name))]
  const allowed = all
    ? (name: string) => access.quietly('DESCRIBE', 'TOPIC', name)
    : perName((name) => access.topic('DESCRIBE', name))
  const [kept, refused] = split(named.filter(from), allowed)
  const refusedTopics = all
    ? []
    : refused.map((name) => ({
        errorCode: TOPIC_DENIED,
        name,
        topicId: ZERO_UUID,
        isInternal: false,
        partitions: []
      }))
  if (refused.length === 0) return { body }
  // Nothing left to describe: an empty list would ask for every topic.
  if (kept.length === 0)
    return { answer: { throttleTimeMs: 0, topics: refusedTopics, nextCursor: null } }
  return {
    body: {
      ...body,
      topics: kept.map((name) => ({ name })),
      cursor: cursor && kept.includes(cursor.topicName) ? cursor : null
    },
    patch: (r) => ({ ...r, topics: [...(r.topics ?? []), ...refusedTopics] })
  }
}
