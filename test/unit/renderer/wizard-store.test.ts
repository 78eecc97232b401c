// The wizard store with the api client mocked: validation per step, and server errors put back
// on their field and step.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { CallError } from '../../../src/renderer/src/api/call-error'

const call = vi.fn()
vi.mock('../../../src/renderer/src/api/client', () => ({ api: { call, on: vi.fn() } }))

const { useWizardStore } = await import('../../../src/renderer/src/stores/wizard')
const { useClusterStore } = await import('../../../src/renderer/src/stores/cluster')
const { useTopicsStore } = await import('../../../src/renderer/src/stores/topics')
const { useDialogsStore } = await import('../../../src/renderer/src/stores/dialogs')

function cluster(brokers: number) {
  return {
    clusterId: 'c',
    kind: 'embedded',
    name: 'Embedded cluster',
    controllerId: 0,
    brokers: Array.from({ length: brokers }, (_, id) => ({
      id,
      host: '127.0.0.1',
      port: 9092 + id,
      status: 'online',
      isController: id === 0,
      leaderCount: 0,
      replicaCount: 0
    })),
    topicCount: 0,
    partitionCount: 0,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    bootstrapServers: '127.0.0.1:9092'
  }
}

describe('topic wizard store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    call.mockReset()
    call.mockImplementation(async (method: string) => {
      if (method === 'topics.list') return { topics: [] }
      throw new Error(`unexpected ${method}`)
    })
    useClusterStore().info = cluster(3) as never
  })

  it('starts with a preset sized for the cluster and blocks an invalid name', () => {
    const w = useWizardStore()
    w.start('events')
    expect(useDialogsStore().createTopic).toBe(true)
    expect(w.plan).toMatchObject({ replicationFactor: 3, minInsyncReplicas: 2, purpose: 'events' })
    w.next()
    expect(w.step).toBe(0)
    expect(w.fieldError('name')).toMatch(/Enter a name/)
    w.plan.name = 'orders'
    w.next()
    expect(w.step).toBe(1)
  })

  it('does not jump past an invalid step', () => {
    const w = useWizardStore()
    w.start()
    w.plan.name = 'orders'
    w.plan.replicationFactor = 5
    w.goTo(4)
    expect(w.step).toBe(2)
    expect(w.fieldError('replicationFactor')).toMatch(/The cluster has 3 brokers/)
  })

  it('keeps the name when the purpose changes', () => {
    const w = useWizardStore()
    w.start()
    w.plan.name = 'jobs'
    w.choosePurpose('queue')
    expect(w.plan).toMatchObject({ name: 'jobs', purpose: 'queue', partitions: 12 })
  })

  it('creates the topic with explicit configs', async () => {
    call.mockImplementation(async (method: string) =>
      method === 'topics.list' ? { topics: [] } : {}
    )
    const w = useWizardStore()
    w.start('events')
    w.plan.name = 'orders'
    expect(await w.submit()).toBe('orders')
    expect(call).toHaveBeenCalledWith('topics.create', {
      name: 'orders',
      partitions: w.plan.partitions,
      replicationFactor: 3,
      configs: {
        'cleanup.policy': 'delete',
        'retention.ms': '604800000',
        'min.insync.replicas': '2'
      }
    })
    expect(useDialogsStore().createTopic).toBe(false)
  })

  it('puts a server error on its field and step', async () => {
    call.mockImplementation(async (method: string) => {
      if (method === 'topics.list') return { topics: [] }
      throw new CallError(
        'BAD_REQUEST',
        "Invalid value '0' for retention.ms: must be at least 1",
        'retention.ms'
      )
    })
    const w = useWizardStore()
    w.start()
    w.plan.name = 'orders'
    w.step = 4
    expect(await w.submit()).toBeNull()
    expect(w.step).toBe(3)
    expect(w.fieldError('retention.ms')).toMatch(/must be at least 1/)
    w.plan.retentionMs = 1000
    await Promise.resolve()
    expect(w.serverErrors).toEqual({})
  })

  it('shows an error without a field on the review step', async () => {
    call.mockImplementation(async (method: string) => {
      if (method === 'topics.list') return { topics: [] }
      throw new CallError('INTERNAL', 'topics.create failed: disk full')
    })
    const w = useWizardStore()
    w.start()
    w.plan.name = 'orders'
    w.step = 4
    await w.submit()
    expect(w.step).toBe(4)
    expect(w.generalError).toMatch(/disk full.*server log/)
  })

  it('sees existing topics for the collision check', async () => {
    call.mockImplementation(async (method: string) =>
      method === 'topics.list' ? { topics: [{ name: 'orders.v1' }] } : {}
    )
    const w = useWizardStore()
    w.start()
    await useTopicsStore().load()
    w.plan.name = 'orders_v1'
    expect(w.fieldError('name')).toMatch(/Collides with existing topic 'orders.v1'/)
  })
})
