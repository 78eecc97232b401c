// External backend: the replication throttle of a partition move, as kafka-reassign-partitions
// --throttle sets it before the move (the brokers' leader/follower.replication.throttled.rate on
// the leader and the new replicas' brokers, the topic's leader/follower.replication.throttled.
// replicas lists appended to), and taken off once the console sees the move over, as the tool's
// --verify does: only what the console set (a broker's rates go back to what it had, unless
// changed since; the lists lose only the pairs the console added). The moves it throttled are
// kept in the console database until then; each removal is logged as a cluster change.
import type { IncrementalAlterConfigsOptions } from '@platformatic/kafka'
import { ApiError } from '../../../shared/errors'
import {
  pairsAbsent,
  removalMessage,
  removesAnything,
  throttlesToRemove,
  trackMove,
  withoutPairs,
  THROTTLED_REPLICAS,
  type BrokerRates,
  type ThrottledMove,
  type ThrottleRemoval
} from '../../cluster/move-throttles'
import { THROTTLED_RATE } from '../../cluster/replication-throttles'
import type { ExternalContext } from './context'
import { kafkaApiError } from './kafka-errors'
import type { PartitionMeta } from './metadata'

const BROKER_RESOURCE = 4 as const
const TOPIC_RESOURCE = 2 as const
const SET = 0 as const
const DELETE = 1 as const
const APPEND = 2 as const
const SUBTRACT = 3 as const
/** DescribeConfigs' sources of a value set on the resource itself. */
const DYNAMIC_TOPIC_CONFIG = 1
const DYNAMIC_BROKER_CONFIG = 2

type ConfigChange = IncrementalAlterConfigsOptions['resources'][number]['configs'][number]

/** A config's value set on the resource itself, by resource name (null: not set there). */
async function ownValues(
  ctx: ExternalContext,
  resourceType: typeof BROKER_RESOURCE | typeof TOPIC_RESOURCE,
  names: string[],
  keys: string[]
): Promise<Map<string, Record<string, string | null>>> {
  const own = resourceType === BROKER_RESOURCE ? DYNAMIC_BROKER_CONFIG : DYNAMIC_TOPIC_CONFIG
  if (names.length === 0) return new Map()
  const described = await ctx.clients.admin().describeConfigs({
    resources: names.map((resourceName) => ({
      resourceType,
      resourceName,
      configurationKeys: keys
    }))
  })
  const out = new Map<string, Record<string, string | null>>()
  for (const r of described)
    out.set(
      r.resourceName,
      Object.fromEntries(
        keys.map((k) => {
          const c = r.configs.find((x) => x.name === k)
          return [k, c && c.configSource === own ? (c.value ?? null) : null]
        })
      )
    )
  return out
}

const rateKeys = [THROTTLED_RATE.leader, THROTTLED_RATE.follower]
const listKeys = [THROTTLED_REPLICAS.leader, THROTTLED_REPLICAS.follower]

const ratesOf = (values: Record<string, string | null> | undefined): BrokerRates => ({
  leader: values?.[THROTTLED_RATE.leader] ?? null,
  follower: values?.[THROTTLED_RATE.follower] ?? null
})

/**
 * Sets the throttle of a move of `p` to `target` and tracks what it set; a refusal names
 * throttleBytesPerSec.
 */
export async function setMoveThrottle(
  ctx: ExternalContext,
  topic: string,
  p: PartitionMeta,
  target: number[],
  bytesPerSec: number
): Promise<void> {
  const adding = target.filter((r) => !p.replicas.includes(r))
  const brokers = [...new Set([p.leader, ...adding])].filter((b) => b >= 0)
  const rate = String(bytesPerSec)
  const pairs = (ids: number[]) => ids.map((b) => `${p.partition}:${b}`)
  const leaderPairs = adding.length === 0 ? [] : pairs(p.replicas)
  const followerPairs = pairs(adding)
  await ctx.moves
    .exclusive(async () => {
      const [rates, lists] = await Promise.all([
        ownValues(ctx, BROKER_RESOURCE, brokers.map(String), rateKeys),
        adding.length === 0
          ? new Map<string, Record<string, string | null>>()
          : ownValues(ctx, TOPIC_RESOURCE, [topic], listKeys)
      ])
      const list = lists.get(topic)
      const move: ThrottledMove = {
        topic,
        partition: p.partition,
        rate,
        brokers: brokers.map((id) => ({ id, ...ratesOf(rates.get(String(id))) })),
        leaderReplicas: pairsAbsent(list?.[THROTTLED_REPLICAS.leader] ?? null, leaderPairs),
        followerReplicas: pairsAbsent(list?.[THROTTLED_REPLICAS.follower] ?? null, followerPairs)
      }
      // Tracked first: should the change fail halfway, what it did set still comes off.
      ctx.moves.save(trackMove(ctx.moves.tracked(), move))
      await ctx.clients.admin().incrementalAlterConfigs({
        resources: [
          ...brokers.map((b) => ({
            resourceType: BROKER_RESOURCE,
            resourceName: String(b),
            configs: rateKeys.map((name) => ({ name, configOperation: SET, value: rate }))
          })),
          ...(adding.length === 0
            ? []
            : [
                {
                  resourceType: TOPIC_RESOURCE,
                  resourceName: topic,
                  configs: [
                    {
                      name: THROTTLED_REPLICAS.leader,
                      configOperation: APPEND,
                      value: leaderPairs.join(',')
                    },
                    {
                      name: THROTTLED_REPLICAS.follower,
                      configOperation: APPEND,
                      value: followerPairs.join(',')
                    }
                  ]
                }
              ])
        ]
      })
    })
    .catch((err: unknown) => {
      const e = kafkaApiError(err, 'setting the replication throttle', ctx.clients.addresses)
      throw new ApiError(e.code, e.message, 'throttleBytesPerSec')
    })
}

/** Takes a removal's throttles off, as far as they are still what the console set. */
async function removeThrottles(
  ctx: ExternalContext,
  removal: ThrottleRemoval
): Promise<ThrottleRemoval> {
  // A topic deleted since has no lists left to change.
  const existing = new Set(await ctx.clients.admin().listTopics({ includeInternals: true }))
  const topics = removal.topics.filter((t) => existing.has(t.topic))
  const [rates, lists] = await Promise.all([
    ownValues(
      ctx,
      BROKER_RESOURCE,
      removal.brokers.map((b) => String(b.id)),
      rateKeys
    ),
    ownValues(
      ctx,
      TOPIC_RESOURCE,
      topics.map((t) => t.topic),
      listKeys
    )
  ])
  // A rate changed since the console set it is the user's now.
  const brokers = removal.brokers.filter((b) => {
    const now = ratesOf(rates.get(String(b.id)))
    return now.leader === b.rate && now.follower === b.rate
  })
  const topicChanges = topics.flatMap((t) => {
    const configs = (['leader', 'follower'] as const).flatMap((side): ConfigChange[] => {
      const name = THROTTLED_REPLICAS[side]
      const current = lists.get(t.topic)?.[name] ?? null
      const pairs = side === 'leader' ? t.leaderReplicas : t.followerReplicas
      const ours = pairs.filter((pair) => pairsAbsent(current, [pair]).length === 0)
      if (current === null || ours.length === 0) return []
      return withoutPairs(current, ours) === null
        ? [{ name, configOperation: DELETE }]
        : [{ name, configOperation: SUBTRACT, value: ours.join(',') }]
    })
    return configs.length === 0 ? [] : [{ topic: t.topic, configs }]
  })
  const resources = [
    ...brokers.map((b) => ({
      resourceType: BROKER_RESOURCE,
      resourceName: String(b.id),
      configs: (['leader', 'follower'] as const).map((side): ConfigChange => {
        const before = b.before[side]
        const name = THROTTLED_RATE[side]
        return before === null
          ? { name, configOperation: DELETE }
          : { name, configOperation: SET, value: before }
      })
    })),
    ...topicChanges.map((t) => ({
      resourceType: TOPIC_RESOURCE,
      resourceName: t.topic,
      configs: t.configs
    }))
  ]
  if (resources.length > 0) await ctx.clients.admin().incrementalAlterConfigs({ resources })
  const changedTopics = new Set(topicChanges.map((t) => t.topic))
  return { ...removal, brokers, topics: removal.topics.filter((t) => changedTopics.has(t.topic)) }
}

/**
 * After a ListPartitionReassignments (numbered `ticket`) answered `inFlight`: takes off the
 * throttles of the tracked moves it no longer lists, and logs what it took off. A failure leaves
 * them tracked, for the next list to try again.
 */
export function settleMoveThrottles(
  ctx: ExternalContext,
  ticket: number,
  inFlight: { topic: string; partition: number }[]
): Promise<void> {
  return ctx.moves
    .exclusive(async () => {
      const tracked = ctx.moves.tracked()
      if (tracked.length === 0) return
      const { removal, left } = throttlesToRemove(
        tracked,
        (topic, partition) =>
          ctx.moves.tooEarly(ticket, topic, partition) ||
          inFlight.some((m) => m.topic === topic && m.partition === partition)
      )
      if (removal.done.length === 0) return
      const removed = await removeThrottles(ctx, removal)
      ctx.moves.save(left)
      if (!removesAnything(removed)) return
      ctx.moves.record({
        kind: 'throttle-removed',
        topic: removal.done[0].topic,
        partition: removal.done[0].partition,
        message: removalMessage(removed)
      })
    })
    .catch(() => undefined)
}
