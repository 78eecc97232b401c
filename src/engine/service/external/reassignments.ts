// External backend, partition reassignment: partitions.reassign and partitions.move over Kafka's
// AlterPartitionReassignments, partitions.reassignments over ListPartitionReassignments, both sent
// to the controller named by Metadata as Kafka's admin client sends them. A target replica list
// moves the partition (the cluster adds the new replicas, they copy the log and join the ISR, then
// the old ones leave); null cancels the move in flight. Kafka's refusals per partition become
// errors that name the field they are about. A throttle is set as kafka-reassign-partitions
// --throttle sets it before the move, and taken off once a list finds the move over
// (move-throttles.ts).
import {
  alterPartitionReassignmentsV0,
  listPartitionReassignmentsV0,
  type Admin
} from '@platformatic/kafka'
import type { ClusterResults, PartitionReassignment } from '../../../shared/api/cluster'
import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import { ErrorCode, errorCodeInfo } from '../../../shared/kafka/error-codes'
import type { ExternalContext } from './context'
import { electPreferredLeaders } from './elections'
import { kafkaApiError } from './kafka-errors'
import { requireTopic, type PartitionMeta, type TopicMeta } from './metadata'
import { setMoveThrottle, settleMoveThrottles } from './move-throttles'
import { controllerConnection } from './users'

const TIMEOUT_MS = 30_000

type AlterResponse = Awaited<ReturnType<typeof alterPartitionReassignmentsV0.api.async>>

/** The topic and partition, or a not-found error naming the field. */
async function requirePartition(
  admin: Admin,
  topic: string,
  partition: number
): Promise<{ t: TopicMeta; p: PartitionMeta }> {
  const t = await requireTopic(admin, topic).catch((err: unknown) => {
    if (err instanceof ApiError && err.code === 'NOT_FOUND')
      throw new ApiError('NOT_FOUND', err.message, 'topic')
    throw err
  })
  const p = t.partitions[partition]
  if (!p)
    throw new ApiError(
      'NOT_FOUND',
      `Partition ${partition} of topic '${topic}' does not exist (it has ${t.partitions.length})`,
      'partition'
    )
  return { t, p }
}

/** What a partition's refusal means for the contract, and the field it is about. */
const refusals: Partial<Record<number, { code: ApiErrorCode; field: string }>> = {
  [ErrorCode.INVALID_REPLICA_ASSIGNMENT]: { code: 'BAD_REQUEST', field: 'replicas' },
  [ErrorCode.INVALID_REPLICATION_FACTOR]: { code: 'BAD_REQUEST', field: 'replicas' },
  [ErrorCode.NO_REASSIGNMENT_IN_PROGRESS]: { code: 'CONFLICT', field: 'replicas' },
  [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]: { code: 'NOT_FOUND', field: 'partition' }
}

/** Sends one partition's target (null: cancel); throws the cluster's refusal as an ApiError. */
async function alter(
  ctx: ExternalContext,
  topic: string,
  partition: number,
  replicas: number[] | null,
  fieldOfReplicas = 'replicas'
): Promise<void> {
  const admin = ctx.clients.admin()
  ctx.moves.begin(topic, partition)
  const answer = await controllerConnection(admin)
    .then((connection) =>
      alterPartitionReassignmentsV0.api.async(connection, TIMEOUT_MS, true, [
        { name: topic, partitions: [{ partitionIndex: partition, replicas }] }
      ])
    )
    .catch((err: { response?: AlterResponse }) => {
      // Per-partition refusals make the library throw; the answer is still the caller's to read.
      const response = err && typeof err === 'object' ? err.response : undefined
      if (response && response.errorCode === ErrorCode.NONE) return response
      throw kafkaApiError(err, 'partitions.reassign', ctx.clients.addresses)
    })
    .finally(() => ctx.moves.sent(topic, partition))
  const result = answer.responses
    .find((r) => r.name === topic)
    ?.partitions.find((p) => p.partitionIndex === partition)
  if (!result || result.errorCode === ErrorCode.NONE) return
  const name = errorCodeInfo(result.errorCode).name
  const refusal = refusals[result.errorCode]
  const message = `${name}: ${result.errorMessage ?? 'refused by the cluster'}`
  if (!refusal) throw new ApiError('UNAVAILABLE', `partitions.reassign: Kafka error ${message}`)
  throw new ApiError(
    refusal.code,
    message,
    refusal.field === 'replicas' ? fieldOfReplicas : refusal.field
  )
}

/** Reassignments in flight, of one topic or all, sorted by topic and partition. */
export async function listReassignments(
  ctx: ExternalContext,
  topic?: string
): Promise<PartitionReassignment[]> {
  const admin = ctx.clients.admin()
  const connection = await controllerConnection(admin)
  const ticket = ctx.moves.ticket()
  const answer = await listPartitionReassignmentsV0.api.async(connection, TIMEOUT_MS, null)
  // The throttles of the console's moves that are over come off.
  await settleMoveThrottles(
    ctx,
    ticket,
    answer.topics.flatMap((t) =>
      t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex }))
    )
  )
  return answer.topics
    .filter((t) => topic === undefined || t.name === topic)
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionIndex,
        replicas: [...p.replicas],
        addingReplicas: [...p.addingReplicas],
        removingReplicas: [...p.removingReplicas]
      }))
    )
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}

export function externalReassignments(ctx: ExternalContext) {
  const { clients } = ctx
  return {
    reassign: (params: {
      topic: string
      partition: number
      replicas: number[] | null
      throttleBytesPerSec?: number
    }): Promise<ClusterResults['partitions.reassign']> =>
      clients.run('partitions.reassign', async () => {
        const { topic, partition, replicas, throttleBytesPerSec } = params
        const { p } = await requirePartition(clients.admin(), topic, partition)
        if (replicas !== null && new Set(replicas).size !== replicas.length)
          throw new ApiError(
            'BAD_REQUEST',
            `The replica list [${replicas.join(', ')}] names a broker twice`,
            'replicas'
          )
        if (replicas !== null && throttleBytesPerSec !== undefined)
          await setMoveThrottle(ctx, topic, p, replicas, throttleBytesPerSec)
        await alter(ctx, topic, partition, replicas)
        return { reassignments: await listReassignments(ctx, topic) }
      }),

    move: (params: {
      topic: string
      partition: number
      from: number
      to: number
      throttleBytesPerSec?: number
    }): Promise<ClusterResults['partitions.move']> =>
      clients.run('partitions.move', async () => {
        const { topic, partition, from, to, throttleBytesPerSec } = params
        const admin = clients.admin()
        const { p } = await requirePartition(admin, topic, partition)
        if (!p.replicas.includes(from))
          throw new ApiError('BAD_REQUEST', `Broker ${from} holds no replica of it`, 'from')
        if (p.replicas.includes(to)) {
          if (!p.isr.includes(to))
            throw new ApiError(
              'BAD_REQUEST',
              `Broker ${to}'s replica is not in sync: it cannot lead yet`,
              'to'
            )
          // The same replicas with `to` first, then a preferred-leader election.
          const order = [to, ...p.replicas.filter((r) => r !== to)]
          await alter(ctx, topic, partition, order, 'to')
          const { failed } = await electPreferredLeaders(ctx, topic, [partition])
          if (failed && failed.length > 0)
            throw new ApiError('CONFLICT', `${failed[0].error}: ${failed[0].message}`, 'to')
          return { moved: 'leader' as const, replicas: order, reassignments: [] }
        }
        const md = await admin.metadata({ topics: [] })
        if (!md.brokers.has(to))
          throw new ApiError(
            'BAD_REQUEST',
            `Broker ${to} is not among the cluster's running brokers (${[...md.brokers.keys()].sort((a, b) => a - b).join(', ')})`,
            'to'
          )
        const target = [to, ...p.replicas.filter((r) => r !== from)]
        if (throttleBytesPerSec !== undefined)
          await setMoveThrottle(ctx, topic, p, target, throttleBytesPerSec)
        await alter(ctx, topic, partition, target, 'to')
        return {
          moved: 'replica' as const,
          replicas: target,
          reassignments: await listReassignments(ctx, topic)
        }
      }),

    list: (topic?: string): Promise<ClusterResults['partitions.reassignments']> =>
      clients.run('partitions.reassignments', async () => ({
        reassignments: await listReassignments(ctx, topic)
      }))
  }
}
