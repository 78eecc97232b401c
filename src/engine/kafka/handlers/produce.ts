// Produce (0): appends each partition's record batch on its leader; acks=all waits until the
// ISR holds the records (request timeout honoured); acks=0 sends no response, and when any part
// is refused closes the connection instead, as Kafka does, so the client notices.
//
// Produce Request (Version: 9) => transactional_id acks timeout_ms [topic_data]
//   topic_data => name [partition_data]   partition_data => index records
import { ErrorCode, errorCodeInfo } from '../../../shared/kafka/error-codes'
import type { Encodable, ProduceRequest, ProduceResponse } from '../protocol'
import type { AppendOutcome } from '../../cluster/leader-append'

import type { RequestContext } from '../request-context'
import { resolveLeaderPartition } from '../leader-partition'

type PartitionResponse = Encodable<
  ProduceResponse['responses'][number]['partitionResponses'][number]
>

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

export async function handleProduce(
  body: ProduceRequest,
  ctx: RequestContext
): Promise<Encodable<ProduceResponse> | null> {
  const { engine, broker } = ctx
  const acks = body.acks
  const now = Date.now()
  const waits: Promise<void>[] = []
  const responses = body.topicData.map((td) => {
    const topic = engine.topic(td.name)
    return {
      name: td.name,
      partitionResponses: td.partitionData.map((pd) => {
        const noLeader = { leaderId: -1, leaderEpoch: -1 }
        const fail = (code: number, message: string) =>
          response(
            pd.index,
            {
              errorCode: code,
              errorMessage: message,
              baseOffset: -1,
              lastOffset: -1,
              logAppendTime: -1,
              logStartOffset: -1,
              recordCount: 0
            },
            noLeader
          )
        if (acks !== 0 && acks !== 1 && acks !== -1)
          return fail(ErrorCode.INVALID_REQUIRED_ACKS, `acks must be -1, 0 or 1, not ${acks}`)
        const led = resolveLeaderPartition(ctx, topic, pd.index)
        if (led.kind === 'unknown-partition')
          return fail(led.errorCode, `${td.name}-${pd.index} does not exist`)
        if (led.kind === 'not-leader')
          return response(
            pd.index,
            {
              errorCode: led.errorCode,
              errorMessage: `Broker ${broker.id} is not the leader of ${td.name}-${pd.index}`,
              baseOffset: -1,
              lastOffset: -1,
              logAppendTime: -1,
              logStartOffset: -1,
              recordCount: 0
            },
            led.currentLeader
          )
        if (led.kind !== 'led')
          return fail(led.errorCode, `${td.name}-${pd.index}: stale leader epoch`)
        const state = led.state
        const leader = { leaderId: state.leader, leaderEpoch: state.leaderEpoch }
        if (pd.records === null || pd.records.length === 0)
          return fail(ErrorCode.INVALID_RECORD, 'The request holds no records')
        const outcome = engine.appendAsLeader(led.topic, pd.index, pd.records, acks, now)
        const r = response(pd.index, outcome, leader)
        if (acks === -1 && outcome.errorCode === ErrorCode.NONE && outcome.lastOffset >= 0) {
          waits.push(
            engine
              .waitForHighWatermark(led.topic, pd.index, outcome.lastOffset + 1, body.timeoutMs)
              .then((ok) => {
                if (ok) return
                const minIsr = engine.minInsyncReplicas(led.topic)
                const code =
                  state.isr.length < minIsr
                    ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND
                    : ErrorCode.REQUEST_TIMED_OUT
                r.errorCode = code
                r.errorMessage = `The in-sync replicas did not acknowledge within ${body.timeoutMs} ms`
              })
          )
        }
        return r
      })
    }
  })
  if (acks === 0) {
    const refused = responses.flatMap((t) =>
      t.partitionResponses
        .filter((p) => p.errorCode !== ErrorCode.NONE)
        .map((p) => `${t.name}-${p.index} ${errorCodeInfo(p.errorCode ?? 0).name}`)
    )
    if (refused.length > 0)
      ctx.closeAfterResponse?.(`an acks=0 produce was refused (${refused.join(', ')})`)
    return null
  }
  await Promise.all(waits)
  return { responses, throttleTimeMs: 0 }
}
