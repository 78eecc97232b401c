// Which committed offsets have expired under offsets.retention.minutes, as Kafka's group
// coordinator decides it (KIP-211, its OffsetExpirationCondition):
// - an Empty classic group's offsets expire once the group has been Empty that long;
// - a Stable classic group of the consumer protocol type, and a consumer-protocol group (KIP-848),
//   keep the offsets of the topics their members subscribe to; the others expire that long after
//   their commit;
// - a group that never had members (a standalone consumer storing its offsets) has each offset
//   expire that long after its commit;
// - other groups (rebalancing, another protocol type) keep theirs for now.
// An offset committed with a retention time (OffsetCommit v2-4) expires at its own expiry
// timestamp instead, under the same conditions (Kafka 4 keeps it while its topic is subscribed).
// An offset a transaction has committed and not yet completed is never expired.
import type { CommittedOffset } from './offset-store'

/**
 * What a group's offsets' retention counts from: each offset's commit, or the moment the group
 * became Empty; null while they do not expire.
 */
export type ExpiryBase = { from: 'commit' } | { from: 'empty'; since: number } | null

export interface GroupExpiry {
  base: ExpiryBase
  /** Topics whose offsets are kept however old (those the members subscribe to). */
  subscribed: ReadonlySet<string>
}

/** The group's offsets that have expired at `now`. */
export function expiredOffsets(
  offsets: readonly CommittedOffset[],
  expiry: GroupExpiry,
  pending: readonly { topic: string; partition: number }[],
  now: number,
  retentionMs: number
): CommittedOffset[] {
  const { base, subscribed } = expiry
  if (base === null) return []
  const held = new Set(pending.map((p) => `${p.topic}\u0000${p.partition}`))
  return offsets.filter((o) => {
    if (subscribed.has(o.topic) || held.has(`${o.topic}\u0000${o.partition}`)) return false
    if (o.expireTimestamp !== undefined) return now >= o.expireTimestamp
    const since = base.from === 'empty' ? base.since : o.commitTimestamp
    return now - since >= retentionMs
  })
}
