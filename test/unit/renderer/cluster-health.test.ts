// The cluster's health in the header and the overview: brokers, partitions and the disk together.
import { describe, expect, it } from 'vitest'
import { clusterHealth } from '../../../src/renderer/src/lib/health'
import type { ClusterInfo, StorageState } from '../../../src/shared/model'

const info = (over: Partial<ClusterInfo> = {}, storage?: StorageState): ClusterInfo => ({
  clusterId: 'c',
  kind: 'embedded',
  name: 'embedded',
  controllerId: 0,
  brokers: [0, 1, 2].map((id) => ({
    id,
    host: '127.0.0.1',
    port: 9092 + id,
    status: 'online',
    isController: id === 0,
    rack: null,
    leaderCount: 1,
    replicaCount: 3,
    replicationDelayMs: 0,
    replicationRecordsPerSec: 0,
    sizeBytes: 0,
    diskTotalBytes: null,
    diskUsableBytes: null
  })),
  topicCount: 1,
  partitionCount: 3,
  underReplicatedPartitions: 0,
  offlinePartitions: 0,
  bootstrapServers: '127.0.0.1:9092',
  ...(storage && {
    storage: {
      state: storage,
      freeBytes: 0,
      totalBytes: 1,
      reserveBytes: 0,
      dataDir: '/data',
      advice: ''
    }
  }),
  ...over
})

describe('cluster health', () => {
  it('is healthy with every broker up, every partition in sync and room on the disk', () => {
    expect(clusterHealth(info())).toMatchObject({ level: 'healthy', label: 'healthy · 3 brokers' })
    expect(clusterHealth(info({}, 'ok')).level).toBe('healthy')
  })

  it('is critical on a full disk: producers are refused everywhere', () => {
    const h = clusterHealth(info({}, 'full'))
    expect(h.level).toBe('critical')
    expect(h.label).toBe('writes refused')
    expect(h.reason).toMatch(/disk is full/)
    expect(h.reason).toMatch(/KAFKA_STORAGE_ERROR/)
  })

  it('is degraded on a nearly full disk, and says so next to the brokers down', () => {
    expect(clusterHealth(info({}, 'low'))).toMatchObject({ level: 'degraded', label: 'space low' })
    const brokers = info().brokers.map((b) =>
      b.id === 2 ? { ...b, status: 'stopped' as const } : b
    )
    const h = clusterHealth(info({ brokers }, 'low'))
    expect(h.label).toBe('1 of 3 brokers down · space low')
    expect(h.reason).toMatch(/1 of 3 brokers stopped; the disk is nearly full/)
  })
})
