// The configs a share partition follows, as Kafka reads them: the group's own share.* configs
// (GroupConfigs), else the broker's group.share.* configs.
import type { ShareLimits } from './record-states'

export type ShareAutoOffsetReset =
  { kind: 'earliest' } | { kind: 'latest' } | { kind: 'by_duration'; durationMs: number }

export interface ShareGroupConfig {
  limits: ShareLimits
  autoOffsetReset: ShareAutoOffsetReset
  readCommitted: boolean
  /** share.renew.acknowledge.enable (KIP-1240): whether RENEW is a valid acknowledgement. */
  renewEnabled: boolean
}

/** Where the configs come from: a group's own configs and the broker's. */
export interface ShareConfigSource {
  groupConfigs(groupId: string): Record<string, string>
  brokerConfig(name: string): string | null
}

export function shareGroupConfig(source: ShareConfigSource, groupId: string): ShareGroupConfig {
  const own = source.groupConfigs(groupId)
  // share.<name>: the group's own, else the broker's group.share.<name>.
  const value = (name: string): number =>
    Number(own[`share.${name}`] ?? source.brokerConfig(`group.share.${name}`))
  return {
    limits: {
      lockDurationMs: value('record.lock.duration.ms'),
      deliveryCountLimit: value('delivery.count.limit'),
      maxRecordLocks: value('partition.max.record.locks')
    },
    autoOffsetReset: parseAutoOffsetReset(own['share.auto.offset.reset'] ?? 'latest'),
    readCommitted: (own['share.isolation.level'] ?? 'read_uncommitted') === 'read_committed',
    renewEnabled: (own['share.renew.acknowledge.enable'] ?? 'true').trim().toLowerCase() !== 'false'
  }
}

/**
 * share.auto.offset.reset: latest, earliest or by_duration:<ISO-8601 duration> (Java's
 * Duration.parse form, e.g. by_duration:PT1H or by_duration:P1DT30M). Throws naming the value.
 */
export function parseAutoOffsetReset(value: string): ShareAutoOffsetReset {
  const v = value.trim().toLowerCase()
  if (v === 'latest' || v === 'earliest') return { kind: v }
  if (v.startsWith('by_duration:')) {
    const ms = parseIsoDuration(value.trim().slice('by_duration:'.length))
    if (ms !== null) return { kind: 'by_duration', durationMs: ms }
  }
  throw new Error(
    `Invalid value ${value} for configuration share.auto.offset.reset: ` +
      'expected latest, earliest or by_duration:<ISO-8601 duration, e.g. PT1H>'
  )
}

/** PnDTnHnMn.nS (days, hours, minutes, seconds, each optional) in ms; null if malformed. */
function parseIsoDuration(s: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,9})?)S)?)?$/i.exec(s)
  if (!m || s.toUpperCase() === 'P' || s.toUpperCase().endsWith('T')) return null
  const [d, h, min, sec] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0))
  return Math.round(((d * 24 + h) * 60 + min) * 60_000 + sec * 1000)
}
