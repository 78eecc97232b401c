// Contract area: faults injected on purpose into the embedded cluster's Kafka requests, to test
// how clients take errors, latency, dropped connections and throttling.
import { z } from 'zod'
import { errorNames, type ErrorName } from '../kafka/error-codes'
import { brokerIdNumber, int, topicName } from '../schema-parts'

/** The Kafka APIs a fault can target (each can answer any error code). */
export const faultApiNames = [
  'Produce',
  'Fetch',
  'ListOffsets',
  'Metadata',
  'OffsetCommit',
  'OffsetFetch',
  'FindCoordinator',
  'JoinGroup',
  'Heartbeat',
  'LeaveGroup',
  'SyncGroup',
  'InitProducerId'
] as const
export type FaultApiName = (typeof faultApiNames)[number]

const injectable = errorNames.filter((n) => n !== 'NONE')

const target = z
  .object({
    brokerId: brokerIdNumber.optional(),
    topic: topicName.optional(),
    partition: int(0, 9_999).optional(),
    apiKey: z
      .enum(faultApiNames, { error: `must be one of ${faultApiNames.join(', ')}` })
      .optional(),
    groupId: z.string({ error: 'must be a string' }).min(1, 'must not be empty').optional()
  })
  .strict()
  .refine((t) => t.partition === undefined || t.topic !== undefined, {
    message: 'a partition needs its topic',
    path: ['partition']
  })

const action = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        type: z.literal('error'),
        error: z.enum(injectable as [ErrorName, ...ErrorName[]], {
          error: "must be a Kafka error name such as 'NOT_LEADER_OR_FOLLOWER'"
        })
      })
      .strict(),
    /** The request is answered this much later. */
    z.object({ type: z.literal('latency'), ms: int(1, 600_000) }).strict(),
    /** The broker closes the client's connection instead of answering. */
    z.object({ type: z.literal('closeConnection') }).strict(),
    /** The response asks the client to back off (throttle_time_ms). */
    z.object({ type: z.literal('throttle'), ms: int(1, 600_000) }).strict(),
    /** Fetch responses are held this long before they go out. */
    z.object({ type: z.literal('stallFetch'), ms: int(1, 600_000) }).strict(),
    /** The group (target.groupId) rebalances each time it is Stable: once per hit. */
    z.object({ type: z.literal('rebalance') }).strict(),
    /** target.brokerId's follower replicas stop copying and leave the ISR until cleared. */
    z.object({ type: z.literal('leaveIsr') }).strict()
  ],
  {
    error:
      'must be one of error, latency, closeConnection, throttle, stallFetch, rebalance, leaveIsr'
  }
)

/** Actions that act on the cluster itself, not on the requests that match. */
export const clusterActions = ['rebalance', 'leaveIsr'] as const
type Inject = {
  target: z.output<typeof target>
  action: z.output<typeof action>
  count?: number
  probability?: number
}

/** A rebalance names its group and nothing else; leaveIsr its broker (and maybe a topic). */
function checkClusterAction(f: Inject, ctx: z.RefinementCtx): void {
  const t = f.target
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message })
  if (f.action.type === 'rebalance') {
    if (t.groupId === undefined) issue(['target', 'groupId'], 'a rebalance needs its group')
    for (const k of ['brokerId', 'topic', 'partition', 'apiKey'] as const)
      if (t[k] !== undefined) issue(['target', k], 'a rebalance targets a group only')
  } else if (f.action.type === 'leaveIsr') {
    if (t.brokerId === undefined) issue(['target', 'brokerId'], 'leaveIsr needs the broker')
    for (const k of ['apiKey', 'groupId'] as const)
      if (t[k] !== undefined) issue(['target', k], 'leaveIsr targets a broker and its replicas')
    if (f.count !== undefined) issue(['count'], 'leaveIsr lasts until cleared or durationMs')
    if (f.probability !== undefined)
      issue(['probability'], 'leaveIsr lasts until cleared or durationMs')
  }
}

export const faultsParams = {
  /**
   * Adds a fault: requests matching every field of `target` get `action`, for the next `count`
   * matching requests, for `durationMs`, or until cleared; each with `probability` (default 1).
   */
  'faults.inject': z
    .object({
      target,
      action,
      count: int(1, 1_000_000).optional(),
      durationMs: int(1, 86_400_000).optional(),
      probability: z
        .number({ error: 'must be a number' })
        .min(0, 'must be between 0 and 1')
        .max(1, 'must be between 0 and 1')
        .optional()
    })
    .strict()
    .superRefine(checkClusterAction),
  /** Every fault, active or spent, with its hits. */
  'faults.list': z.object({}).strict(),
  /** Removes one fault (`id`) or all of them; requests held by a fault go on at once. */
  'faults.clear': z.object({ id: z.string().min(1).optional() }).strict()
} as const

export type FaultTarget = z.output<typeof target>
export type FaultAction = z.output<typeof action>

export interface Fault {
  id: string
  target: FaultTarget
  action: FaultAction
  count: number | null
  durationMs: number | null
  probability: number
  createdAt: number
  /** When it stops acting (durationMs), or null. */
  expiresAt: number | null
  /** Requests it has acted on. */
  hits: number
  /** Still acting: not spent (count), not expired (durationMs). */
  active: boolean
}

export interface FaultsResults {
  'faults.inject': Fault
  'faults.list': { faults: Fault[] }
  'faults.clear': { cleared: number }
}
