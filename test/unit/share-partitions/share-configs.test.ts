// The configs share partitions follow: a group's own share.* configs over the broker's
// group.share.* ones, and share.auto.offset.reset's forms (latest, earliest, by_duration:<ISO-8601>).
import { describe, expect, it } from 'vitest'
import {
  parseAutoOffsetReset,
  shareGroupConfig
} from '../../../src/engine/share-partitions/share-configs'

const broker: Record<string, string> = {
  'group.share.record.lock.duration.ms': '30000',
  'group.share.delivery.count.limit': '5',
  'group.share.partition.max.record.locks': '2000'
}

describe('share partition configs', () => {
  it("takes the group's own values over the broker's, with Kafka's defaults otherwise", () => {
    const source = (own: Record<string, string>) => ({
      groupConfigs: () => own,
      brokerConfig: (name: string) => broker[name] ?? null
    })
    expect(shareGroupConfig(source({}), 'g')).toEqual({
      limits: { lockDurationMs: 30000, deliveryCountLimit: 5, maxRecordLocks: 2000 },
      autoOffsetReset: { kind: 'latest' },
      readCommitted: false,
      renewEnabled: true
    })
    expect(
      shareGroupConfig(
        source({
          'share.record.lock.duration.ms': '1500',
          'share.delivery.count.limit': '3',
          'share.auto.offset.reset': 'earliest',
          'share.isolation.level': 'read_committed',
          'share.renew.acknowledge.enable': 'false'
        }),
        'g'
      )
    ).toEqual({
      limits: { lockDurationMs: 1500, deliveryCountLimit: 3, maxRecordLocks: 2000 },
      autoOffsetReset: { kind: 'earliest' },
      readCommitted: true,
      renewEnabled: false
    })
  })

  it('reads by_duration in the ISO-8601 form Java parses, and names a bad value', () => {
    expect(parseAutoOffsetReset('by_duration:PT1H')).toEqual({
      kind: 'by_duration',
      durationMs: 3_600_000
    })
    expect(parseAutoOffsetReset('by_duration:P1DT30M1.5S')).toEqual({
      kind: 'by_duration',
      durationMs: 86_400_000 + 1_800_000 + 1_500
    })
    for (const bad of ['by_duration:P', 'by_duration:PT', 'by_duration:1H', 'soonest'])
      expect(() => parseAutoOffsetReset(bad)).toThrow(
        `Invalid value ${bad} for configuration share.auto.offset.reset`
      )
  })
})
