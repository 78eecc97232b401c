import { describe, expect, it } from 'vitest'
import { joinAmount, splitAmount } from '../../../src/renderer/src/lib/units'
import {
  humanConfigValue,
  configKind,
  sortConfigs
} from '../../../src/renderer/src/lib/topic-configs'

describe('units', () => {
  it('splits into the largest unit that divides evenly', () => {
    expect(splitAmount(604_800_000, 'duration')).toEqual({ amount: 7, unit: 'd' })
    expect(splitAmount(5_400_000, 'duration')).toEqual({ amount: 90, unit: 'min' })
    expect(splitAmount(1500, 'duration')).toEqual({ amount: 1500, unit: 'ms' })
    expect(splitAmount(1_073_741_824, 'bytes')).toEqual({ amount: 1, unit: 'GiB' })
    expect(splitAmount(1000, 'bytes')).toEqual({ amount: 1000, unit: 'B' })
  })

  it('joins back', () => {
    expect(joinAmount(3, 'd', 'duration')).toBe(259_200_000)
    expect(joinAmount(1.5, 'h', 'duration')).toBe(5_400_000)
    expect(joinAmount(512, 'MiB', 'bytes')).toBe(536_870_912)
  })
})

describe('topic config knowledge', () => {
  it('shows raw values as people read them', () => {
    expect(humanConfigValue('retention.ms', '604800000')).toBe('7 d')
    expect(humanConfigValue('retention.ms', '-1')).toBe('forever')
    expect(humanConfigValue('retention.bytes', '-1')).toBe('no limit')
    expect(humanConfigValue('max.compaction.lag.ms', '9223372036854775807')).toBe('no limit')
    expect(humanConfigValue('segment.bytes', '1073741824')).toBe('1.0 GiB')
    expect(humanConfigValue('cleanup.policy', 'delete')).toBeNull()
  })

  it('knows kinds and puts the common configs first', () => {
    expect(configKind('cleanup.policy')).toMatchObject({ type: 'enum' })
    expect(configKind('unknown.thing')).toEqual({ type: 'text' })
    const names = sortConfigs([
      { name: 'segment.ms' },
      { name: 'cleanup.policy' },
      { name: 'retention.ms' },
      { name: 'compression.type' }
    ]).map((c) => c.name)
    expect(names).toEqual(['retention.ms', 'cleanup.policy', 'compression.type', 'segment.ms'])
  })
})
