import { describe, expect, it } from 'vitest'
import {
  applyPreset,
  DAY_MS,
  defaultPlan,
  durability,
  estimateDisk,
  kafkaTopicsCommand,
  planConfigs,
  sizePartitions,
  stepForField
} from '../../../src/renderer/src/lib/topic-plan'

describe('partition sizing', () => {
  it('takes the larger of throughput and consumers', () => {
    const s = sizePartitions({
      peakMessagesPerSec: 50_000,
      avgMessageBytes: 1000,
      consumers: 3,
      partitionThroughputMBps: 10
    })
    expect(s.peakBytesPerSec).toBe(50_000_000)
    expect(s.byThroughput).toBe(5)
    expect(s.byConsumers).toBe(3)
    expect(s.recommended).toBe(5)
    expect(
      sizePartitions({
        peakMessagesPerSec: 10,
        avgMessageBytes: 100,
        consumers: 12,
        partitionThroughputMBps: 10
      }).recommended
    ).toBe(12)
  })

  it('never recommends fewer than one', () => {
    expect(
      sizePartitions({
        peakMessagesPerSec: 0,
        avgMessageBytes: 0,
        consumers: 0,
        partitionThroughputMBps: 10
      }).recommended
    ).toBe(1)
  })
})

describe('durability', () => {
  it('explains what RF 3 / min.insync 2 survives', () => {
    const d = durability(3, 2, 3)
    expect(d).toMatchObject({ replicationError: null, minInsyncError: null, warning: null })
    expect(d.readsSurviveBrokersDown).toBe(2)
    expect(d.writesSurviveBrokersDown).toBe(1)
    expect(d.ackedWritesSurviveLosses).toBe(1)
  })

  it('refuses more replicas than brokers and min.insync above RF', () => {
    expect(durability(4, 2, 3).replicationError).toMatch(/The cluster has 3 brokers/)
    expect(durability(1, 1, 1).replicationError).toBeNull()
    expect(durability(2, 3, 3).minInsyncError).toMatch(/NOT_ENOUGH_REPLICAS/)
  })

  it('warns about fragile settings', () => {
    expect(durability(1, 1, 3).warning).toMatch(/One copy/)
    expect(durability(3, 3, 3).warning).toMatch(/any one broker down stops acks=all writes/)
    expect(durability(3, 1, 3).warning).toMatch(/min.insync.replicas=1/)
  })
})

describe('presets', () => {
  it('fill in settings by purpose and size partitions', () => {
    const queue = applyPreset(defaultPlan(3), 'queue', 3)
    expect(queue).toMatchObject({
      purpose: 'queue',
      consumers: 12,
      partitions: 12,
      replicationFactor: 3,
      minInsyncReplicas: 2
    })
    const changelog = applyPreset(defaultPlan(3), 'changelog', 3)
    expect(changelog.cleanupPolicy).toBe('compact')
    expect(changelog.extraConfigs['delete.retention.ms']).toBe(String(DAY_MS))
    expect(applyPreset(defaultPlan(1), 'events', 1)).toMatchObject({
      replicationFactor: 1,
      minInsyncReplicas: 1
    })
  })
})

describe('disk estimate', () => {
  const base = {
    ...defaultPlan(3),
    peakMessagesPerSec: 1000,
    avgMessageBytes: 1000,
    partitions: 10,
    replicationFactor: 3
  }

  it('follows time when retention.ms binds first', () => {
    const d = estimateDisk({ ...base, retentionMs: DAY_MS, retentionBytes: -1 }, 3)
    expect(d.limitedBy).toBe('time')
    expect(d.perPartition).toBe(100 * 1000 * 86_400)
    expect(d.total).toBe(1000 * 1000 * 86_400 * 3)
    expect(d.perBroker).toBe((d.total ?? 0) / 3)
  })

  it('follows size when retention.bytes binds first', () => {
    const d = estimateDisk({ ...base, retentionMs: 7 * DAY_MS, retentionBytes: 1024 ** 3 }, 3)
    expect(d.limitedBy).toBe('size')
    expect(d.total).toBe(1024 ** 3 * 30)
  })

  it('says when nothing bounds it, and when compaction does', () => {
    expect(estimateDisk({ ...base, retentionMs: -1, retentionBytes: -1 }, 3)).toMatchObject({
      limitedBy: 'none',
      total: null
    })
    expect(estimateDisk({ ...base, cleanupPolicy: 'compact' }, 3)).toMatchObject({
      limitedBy: 'keys',
      total: null
    })
  })
})

describe('configs and command', () => {
  const plan = {
    ...defaultPlan(3),
    name: 'orders',
    partitions: 6,
    replicationFactor: 3,
    minInsyncReplicas: 2,
    retentionMs: 2 * DAY_MS
  }

  it('lists explicit configs, without retention for a compacted topic', () => {
    expect(planConfigs(plan)).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': '172800000',
      'min.insync.replicas': '2'
    })
    expect(planConfigs({ ...plan, cleanupPolicy: 'compact' })).not.toHaveProperty('retention.ms')
    expect(planConfigs({ ...plan, retentionBytes: 1024 })['retention.bytes']).toBe('1024')
  })

  it('builds the kafka-topics.sh command, quoting what needs it', () => {
    const cmd = kafkaTopicsCommand(plan, '127.0.0.1:9092')
    expect(cmd).toBe(
      'kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --create \\\n' +
        '  --topic orders \\\n' +
        '  --partitions 6 --replication-factor 3 \\\n' +
        '  --config cleanup.policy=delete \\\n' +
        '  --config retention.ms=172800000 \\\n' +
        '  --config min.insync.replicas=2'
    )
    expect(kafkaTopicsCommand({ ...plan, cleanupPolicy: 'compact,delete' }, 'h:1')).toContain(
      '--config cleanup.policy=compact,delete'
    )
  })

  it('maps server fields to wizard steps', () => {
    expect(stepForField('name')).toBe(0)
    expect(stepForField('partitions')).toBe(1)
    expect(stepForField('replicationFactor')).toBe(2)
    expect(stepForField('min.insync.replicas')).toBe(2)
    expect(stepForField('retention.ms')).toBe(3)
    expect(stepForField('configs.retention.bytes')).toBe(3)
    expect(stepForField('delete.retention.ms')).toBe(4)
    expect(stepForField('configs.min.compaction.lag.ms')).toBe(4)
    expect(stepForField('flush.ms')).toBe(4)
    expect(stepForField('something.else')).toBe(5)
    expect(stepForField(undefined)).toBe(5)
  })
})
