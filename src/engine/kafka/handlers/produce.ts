// Produce (0): appends each partition's record batch on its leader; acks=all waits until the
// ISR holds the records (request timeout honoured); acks=0 sends no response, and when any part
// is refused closes the connection instead, as Kafka does, so the client notices.
//
// Produce Request (Version: 12) => transactional_id acks timeout_ms [topic_data]
//   topic_data => name [partition_data]   partition_data => index records
// Produce 13 (KIP-516) names each topic by its id instead (topic_data => topic_id
// [partition_data]), and so does its response. The ids are resolved to names as the request
// arrives (topic-id-names.ts); an id no topic has is answered UNKNOWN_TOPIC_ID per partition,
// before anything else is checked, as Kafka's KafkaApis answers it.
// Produce 12 of a transaction version 2 client adds its partitions to the transaction
// (produce-transaction.ts).
import { ErrorCode, errorCodeInfo } from '../../../shared/kafka/error-codes'
import type { Encodable, ProduceRequest, ProduceResponse } from '../protocol'
import type { AppendOutcome, PartitionAppend } from '../../cluster/leader-append'
import type { Topic } from '../../log/topic-registry'
import type { BrokerStats } from '../../metrics/broker-stats'

import type { RequestContext } from '../request-context'
import { movedLeaderEndpoints, resolveLeaderPartition } from '../leader-partition'
import { addToTransaction, addsPartitions, forProduceVersion } from './produce-transaction'

type PartitionResponse = Encodable<
  ProduceResponse['responses'][number]['partitionResponses'][number]
>

function refused(errorCode: number, errorMessage: string | null): AppendOutcome {
  return {
    errorCode,
    errorMessage,
    baseOffset: -1,
    lastOffset: -1,
    logAppendTime: -1,
    logStartOffset: -1,
    recordCount: 0
  }
}

function response(
  index: number,
  o: AppendOutcome,
  leader: { leaderId: number; leaderEpoch: number }
): PartitionResponse {
  return {
    index,
    errorCode: o.errorCode,
    baseOffset: BigInt(o.baseOffset),
    logAppendTimeMs: BigInt(o.logAppendTime),
    logStartOffset: BigInt(o.logStartOffset),
    recordErrors: (o.recordErrors ?? []).map((e) => ({
      batchIndex: e.batchIndex,
      batchIndexErrorMessage: e.message
    })),
    errorMessage: o.errorMessage,
    currentLeader: leader
  }
}

interface PendingAppend {
  response: PartitionResponse
  leader: { leaderId: number; leaderEpoch: number }
  topic: Topic
  partition: number
  /** The partition's state as the request found it (its ISR says why an acks=all wait failed). */
  state: { isr: readonly number[] }
}

export async function handleProduce(
  body: ProduceRequest,
  ctx: RequestContext,
  apiVersion = 0
): Promise<Encodable<ProduceResponse> | null> {
  const { engine, broker } = ctx
  const stats = engine.brokerStats(broker.id)
  const acks = body.acks
  const now = Date.now()
  const appends: PartitionAppend[] = []
  const pending: PendingAppend[] = []
  const responses = body.topicData.map((td) => {
    const topic = engine.topic(td.name)
    return {
      name: td.name,
      topicId: td.topicId,
      partitionResponses: td.partitionData.map((pd) => {
        const noLeader = { leaderId: -1, leaderEpoch: -1 }
        const fail = (code: number, message: string) =>
          response(pd.index, refused(code, message), noLeader)
        if (topic === undefined && apiVersion >= 13)
          return fail(ErrorCode.UNKNOWN_TOPIC_ID, `No topic has the id ${td.topicId}`)
        if (acks !== 0 && acks !== 1 && acks !== -1)
          return fail(ErrorCode.INVALID_REQUIRED_ACKS, `acks must be -1, 0 or 1, not ${acks}`)
        // As Kafka's replica manager refuses a client's append to __consumer_offsets.
        if (topic?.internal)
          return fail(
            ErrorCode.INVALID_TOPIC_EXCEPTION,
            `Cannot append to internal topic ${td.name}`
          )
        const led = resolveLeaderPartition(ctx, topic, pd.index)
        if (led.kind === 'unknown-partition')
          return fail(led.errorCode, `${td.name}-${pd.index} does not exist`)
        // Kafka counts each partition of a Produce request for a topic it has.
        stats.produceRequested(td.name)
        if (led.kind === 'not-leader')
          return response(
            pd.index,
            refused(
              led.errorCode,
              `Broker ${broker.id} is not the leader of ${td.name}-${pd.index}`
            ),
            led.currentLeader
          )
        if (led.kind !== 'led')
          return fail(led.errorCode, `${td.name}-${pd.index}: stale leader epoch`)
        const state = led.state
        if (pd.records === null || pd.records.length === 0) {
          stats.produceFailed(td.name)
          return fail(ErrorCode.INVALID_RECORD, 'The request holds no records')
        }
        // Answered below, once every partition of the request has gone in together.
        const leader = { leaderId: state.leader, leaderEpoch: state.leaderEpoch }
        const r = response(pd.index, refused(ErrorCode.NONE, null), leader)
        appends.push({ topic: led.topic, partition: pd.index, records: pd.records, acks })
        pending.push({ response: r, leader, topic: led.topic, partition: pd.index, state })
        return r
      })
    }
  })
  if (addsPartitions(ctx, body.transactionalId, apiVersion) && appends.length > 0) {
    const refusals = addToTransaction(
      ctx,
      body.transactionalId,
      appends.map((a) => ({ topic: a.topic.name, partition: a.partition, records: a.records }))
    )
    for (let i = appends.length - 1; i >= 0; i--) {
      const refusal = refusals[i]
      if (!refusal) continue
      const { response: r, leader, partition } = pending[i]
      Object.assign(r, response(partition, refused(refusal.errorCode, refusal.message), leader))
      stats.produceFailed(appends[i].topic.name)
      appends.splice(i, 1)
      pending.splice(i, 1)
    }
  }
  const outcomes = appends.length > 0 ? engine.appendAllAsLeader(appends, now) : []
  const waits: Promise<void>[] = []
  outcomes.forEach((outcome, i) => {
    const { response: r, leader, topic, partition, state } = pending[i]
    Object.assign(r, response(partition, forProduceVersion(outcome, apiVersion), leader))
    countAppend(stats, topic.name, outcome, appends[i].records.length)
    if (acks !== -1 || outcome.errorCode !== ErrorCode.NONE || outcome.lastOffset < 0) return
    waits.push(
      engine
        .waitForHighWatermark(topic, partition, outcome.lastOffset + 1, body.timeoutMs)
        .then((ok) => {
          if (ok) return
          const minIsr = engine.minInsyncReplicas(topic)
          const code =
            state.isr.length < minIsr
              ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND
              : ErrorCode.REQUEST_TIMED_OUT
          r.errorCode = code
          r.errorMessage = `The in-sync replicas did not acknowledge within ${body.timeoutMs} ms`
        })
    )
  })
  if (acks === 0) {
    const refusedParts = responses.flatMap((t) =>
      t.partitionResponses
        .filter((p) => p.errorCode !== ErrorCode.NONE)
        .map((p) => `${t.name || t.topicId}-${p.index} ${errorCodeInfo(p.errorCode ?? 0).name}`)
    )
    if (refusedParts.length > 0)
      ctx.closeAfterResponse?.(`an acks=0 produce was refused (${refusedParts.join(', ')})`)
    return null
  }
  await Promise.all(waits)
  return {
    responses,
    throttleTimeMs: 0,
    // Produce 10+ (KIP-951): where the leaders named in NOT_LEADER_OR_FOLLOWER answers listen.
    nodeEndpoints: apiVersion >= 10 ? movedLeaderEndpoints(ctx, partitionAnswers(responses)) : []
  }
}

/**
 * A partition's append as Kafka's BrokerTopicMetrics count it: records and bytes when appended;
 * a failure unless the leader moved or the broker's storage failed.
 */
function countAppend(stats: BrokerStats, topic: string, o: AppendOutcome, bytes: number): void {
  if (o.errorCode === ErrorCode.NONE) stats.appended(topic, o.recordCount, bytes)
  else if (!NOT_FAILURES.has(o.errorCode)) stats.produceFailed(topic)
}

/** Errors Kafka's FailedProduceRequestsPerSec leaves out. */
const NOT_FAILURES = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.MESSAGE_TOO_LARGE,
  ErrorCode.RECORD_LIST_TOO_LARGE,
  ErrorCode.CORRUPT_MESSAGE,
  ErrorCode.KAFKA_STORAGE_ERROR
])

/** Every partition's answer of a Produce response, without gathering them into one array. */
function* partitionAnswers<P>(responses: { partitionResponses: P[] }[]): Generator<P> {
  for (const t of responses) yield* t.partitionResponses
}
