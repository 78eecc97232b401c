// Client quota answers list entities, their parts and their values in Kafka's order (that of its
// Java hash maps), which @platformatic/kafka's admin returns as it gets them: an entity's parts
// as ip, client-id, user whatever order they were sent in, and values as Kafka's quota image
// holds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Admin,
  ClientQuotaEntityTypes,
  ClientQuotaKeys,
  ClientQuotaMatchTypes
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
})
afterAll(async () => {
  await cluster?.close()
})

const ops = [
  { key: ClientQuotaKeys.PRODUCER_BYTE_RATE, value: 1000, remove: false },
  { key: ClientQuotaKeys.CONSUMER_BYTE_RATE, value: 1000, remove: false },
  { key: ClientQuotaKeys.REQUEST_PERCENTAGE, value: 0.5, remove: false }
]
const user = { entityType: ClientQuotaEntityTypes.USER, entityName: 'User1' }
const client = { entityType: ClientQuotaEntityTypes.CLIENT_ID, entityName: 'Client1' }
const values = [
  { key: ClientQuotaKeys.CONSUMER_BYTE_RATE, value: 1000 },
  { key: ClientQuotaKeys.REQUEST_PERCENTAGE, value: 0.5 },
  { key: ClientQuotaKeys.PRODUCER_BYTE_RATE, value: 1000 }
]

describe('client quota answers in Kafka order', () => {
  it('@platformatic/kafka: entity parts and values as Kafka lists them', async () => {
    const admin = new Admin({ clientId: 'it-quota-order', bootstrapBrokers: [cluster.bootstrap] })
    try {
      expect(
        await admin.alterClientQuotas({ entries: [{ entities: [user], ops }], validateOnly: false })
      ).toEqual([{ errorCode: 0, errorMessage: null, entity: [user] }])
      expect(
        await admin.alterClientQuotas({
          entries: [{ entities: [user, client], ops }],
          validateOnly: false
        })
      ).toEqual([{ errorCode: 0, errorMessage: null, entity: [client, user] }])
      const described = await admin.describeClientQuotas({
        components: [
          {
            entityType: ClientQuotaEntityTypes.USER,
            matchType: ClientQuotaMatchTypes.EXACT,
            match: 'User1'
          }
        ]
      })
      expect(described).toEqual([
        { entity: [user], values },
        { entity: [client, user], values }
      ])
    } finally {
      await admin.close()
    }
  })
})
