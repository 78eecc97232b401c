// Authorization of producer ids and transactions: WRITE on the transactional id (an idempotent
// producer without one needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic), WRITE on
// each topic added to a transaction, READ on the group and topics of offsets committed in one;
// DESCRIBE to see transactions, READ to see a partition's producers.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import type { Access } from './access'
import { perName, refuseEach, split, type Rule } from './gate'
import { refusedCommit } from './group-rules'

const TXN_DENIED = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
const TOPIC_DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED
const GROUP_DENIED = ErrorCode.GROUP_AUTHORIZATION_FAILED

export const initProducerIdRule: Rule<typeof ApiKey.InitProducerId> = (body, access) => {
  const refused = (errorCode: number) => ({
    answer: { errorCode, producerId: -1n, producerEpoch: -1 }
  })
  if (body.transactionalId !== null)
    return access.transactionalId('WRITE', body.transactionalId) ? { body } : refused(TXN_DENIED)
  return access.quietly('IDEMPOTENT_WRITE', 'CLUSTER', 'kafka-cluster') ||
    access.anyOf('WRITE', 'TOPIC') ||
    access.cluster('IDEMPOTENT_WRITE')
    ? { body }
    : refused(ErrorCode.CLUSTER_AUTHORIZATION_FAILED)
}

type TxnTopics = { name: string; partitions: number[] }[]

/** One transaction's partitions: all refused when any topic is (TOPIC_ for those, the rest not attempted). */
function txnPartitions(txnId: string, topics: TxnTopics, access: Access) {
  const answer = (errorOf: (topic: string) => number) =>
    topics.map((t) => ({
      name: t.name,
      resultsByPartition: t.partitions.map((partitionIndex) => ({
        partitionIndex,
        partitionErrorCode: errorOf(t.name)
      }))
    }))
  if (!access.transactionalId('WRITE', txnId)) return answer(() => TXN_DENIED)
  const canWrite = perName((name) => access.topic('WRITE', name))
  if (topics.every((t) => canWrite(t.name))) return null
  return answer((name) => (canWrite(name) ? ErrorCode.OPERATION_NOT_ATTEMPTED : TOPIC_DENIED))
}

export const addPartitionsToTxnRule: Rule<typeof ApiKey.AddPartitionsToTxn> = (
  body,
  access,
  version
) => {
  if (version < 4) {
    const refused = txnPartitions(body.v3AndBelowTransactionalId, body.v3AndBelowTopics, access)
    return refused ? { answer: { resultsByTopicV3AndBelow: refused } } : { body }
  }
  const decided = body.transactions.map((t) => ({
    t,
    refused: txnPartitions(t.transactionalId, t.topics, access)
  }))
  const refused = decided.filter((d) => d.refused !== null)
  if (refused.length === 0) return { body }
  return {
    body: { ...body, transactions: decided.filter((d) => !d.refused).map((d) => d.t) },
    patch: (r) => ({
      ...r,
      resultsByTransaction: [
        ...(r.resultsByTransaction ?? []),
        ...refused.map((d) => ({ transactionalId: d.t.transactionalId, topicResults: d.refused! }))
      ]
    })
  }
}

export const addOffsetsToTxnRule: Rule<typeof ApiKey.AddOffsetsToTxn> = (body, access) => {
  if (!access.transactionalId('WRITE', body.transactionalId))
    return { answer: { errorCode: TXN_DENIED } }
  if (!access.group('READ', body.groupId)) return { answer: { errorCode: GROUP_DENIED } }
  return { body }
}

export const endTxnRule: Rule<typeof ApiKey.EndTxn> = (body, access) =>
  access.transactionalId('WRITE', body.transactionalId)
    ? { body }
    : { answer: { errorCode: TXN_DENIED } }

export const txnOffsetCommitRule: Rule<typeof ApiKey.TxnOffsetCommit> = (body, access) => {
  const refuseAll = (errorCode: number) => ({
    answer: { topics: body.topics.map((t) => refusedCommit(t, errorCode)) }
  })
  if (!access.transactionalId('WRITE', body.transactionalId)) return refuseAll(TXN_DENIED)
  if (!access.group('READ', body.groupId)) return refuseAll(GROUP_DENIED)
  const canRead = perName((name) => access.topic('READ', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canRead(t.name)),
    'topics',
    (t) => refusedCommit(t, TOPIC_DENIED)
  )
}

export const describeTransactionsRule: Rule<typeof ApiKey.DescribeTransactions> = (
  body,
  access
) => {
  const [kept, refused] = split(body.transactionalIds, (id) =>
    access.transactionalId('DESCRIBE', id)
  )
  const visible = perName((name) => access.quietly('DESCRIBE', 'TOPIC', name))
  return {
    body: { ...body, transactionalIds: kept },
    patch: (r) => ({
      ...r,
      transactionStates: [
        ...(r.transactionStates ?? []).map((s) => ({
          ...s,
          topics: (s.topics ?? []).filter((t) => visible(t.topic ?? ''))
        })),
        ...refused.map((transactionalId) => ({ transactionalId, errorCode: TXN_DENIED }))
      ]
    })
  }
}

export const listTransactionsRule: Rule<typeof ApiKey.ListTransactions> = (body, access) => {
  if (access.quietly('DESCRIBE', 'CLUSTER', 'kafka-cluster')) return { body }
  const visible = perName((id) => access.quietly('DESCRIBE', 'TRANSACTIONAL_ID', id))
  return {
    body,
    patch: (r) => ({
      ...r,
      transactionStates: (r.transactionStates ?? []).filter((s) => visible(s.transactionalId ?? ''))
    })
  }
}

export const describeProducersRule: Rule<typeof ApiKey.DescribeProducers> = (body, access) => {
  const canRead = perName((name) => access.topic('READ', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canRead(t.name)),
    'topics',
    (t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => ({
        partitionIndex,
        errorCode: TOPIC_DENIED,
        errorMessage: 'Authorization failed.',
        activeProducers: []
      }))
    })
  )
}
