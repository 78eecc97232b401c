// CLIENT_METRICS resources (KIP-714 metrics subscriptions) through a real client, as Kafka serves
// them: created and altered with IncrementalAlterConfigs, described with DescribeConfigs, listed
// with ListClientMetricsResources, refused with Kafka's error codes and messages, gone once their
// last config is deleted, and kept across a restart.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Connection,
  describeConfigsV4,
  incrementalAlterConfigsV1,
  listClientMetricsResourcesV0
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'

const CLIENT_METRICS = 16
const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function connect(c: TestCluster): Promise<Connection> {
  const connection = new Connection('client-metrics-resources')
  await connection.connect(c.listeners[0].host, c.listeners[0].port)
  closing.push(() => connection.close())
  return connection
}

type Configs = Parameters<typeof incrementalAlterConfigsV1.api.async>[1][number]['configs']
type Answer = Awaited<ReturnType<typeof incrementalAlterConfigsV1.api.async>>['responses'][number]

// The client throws on an error code; the response it carries says which.
async function alter(connection: Connection, name: string, configs: Configs): Promise<Answer> {
  const response = await incrementalAlterConfigsV1.api
    .async(connection, [{ resourceType: CLIENT_METRICS, resourceName: name, configs }], false)
    .catch(
      (err: { response?: Awaited<ReturnType<typeof incrementalAlterConfigsV1.api.async>> }) => {
        if (!err.response) throw err
        return err.response
      }
    )
  return response.responses[0]!
}

async function describeResource(connection: Connection, name: string) {
  const response = await describeConfigsV4.api.async(
    connection,
    [{ resourceType: CLIENT_METRICS, resourceName: name, configurationKeys: null }],
    false,
    false
  )
  const result = response.results[0]!
  return Object.fromEntries(result.configs.map((c) => [c.name, [c.value, c.configSource]]))
}

const listNames = async (connection: Connection) =>
  (await listClientMetricsResourcesV0.api.async(connection)).configResources.map(
    (r) => r.resourceName
  )

describe('CLIENT_METRICS resources', () => {
  it('are created, appended to, described, listed and deleted as in Kafka', async () => {
    const c = await startTestCluster({})
    closing.push(() => c.close())
    const connection = await connect(c)
    expect(await listNames(connection)).toEqual([])

    const created = await alter(connection, 'producers', [
      { name: 'metrics', configOperation: 0, value: 'org.apache.kafka.producer.' },
      { name: 'interval.ms', configOperation: 0, value: '1000' },
      { name: 'match', configOperation: 0, value: 'client_software_name=logdeck.*' }
    ])
    expect(created.errorCode).toBe(0)
    const appended = await alter(connection, 'producers', [
      { name: 'metrics', configOperation: 2, value: 'org.apache.kafka.consumer.' }
    ])
    expect(appended.errorCode).toBe(0)
    await alter(connection, 'all', [{ name: 'metrics', configOperation: 0, value: '*' }])

    expect(await listNames(connection)).toEqual(['all', 'producers'])
    // Only the configs set, with the source CLIENT_METRICS_CONFIG (7).
    expect(await describeResource(connection, 'producers')).toEqual({
      metrics: ['org.apache.kafka.producer.,org.apache.kafka.consumer.', 7],
      'interval.ms': ['1000', 7],
      match: ['client_software_name=logdeck.*', 7]
    })
    expect(await describeResource(connection, 'nothing-here')).toEqual({})

    // Deleting the last config deletes the resource.
    const removed = await alter(connection, 'all', [{ name: 'metrics', configOperation: 1 }])
    expect(removed.errorCode).toBe(0)
    expect(await listNames(connection)).toEqual(['producers'])
  })

  it('refuses what Kafka refuses, with its codes and messages, changing nothing', async () => {
    const c = await startTestCluster({})
    closing.push(() => c.close())
    const connection = await connect(c)
    const refused = async (configs: Configs, name = 'bad') => {
      const a = await alter(connection, name, configs)
      return [a.errorCode, a.errorMessage]
    }
    expect(await refused([{ name: 'interval.ms', configOperation: 0, value: '50' }])).toEqual([
      42, // INVALID_REQUEST
      'Invalid value 50 for interval.ms, interval must be between 100 and 3600000 (1 hour)'
    ])
    expect(await refused([{ name: 'interval.ms', configOperation: 0, value: 'soon' }])).toEqual([
      40, // INVALID_CONFIG
      'Invalid value soon for configuration interval.ms: Not a number of type INT'
    ])
    expect(
      await refused([{ name: 'match', configOperation: 0, value: 'client_os=linux' }])
    ).toEqual([40, 'Illegal client matching pattern: client_os=linux'])
    expect(await refused([{ name: 'match', configOperation: 0, value: 'client_id=(' }])).toEqual([
      40,
      'Illegal client matching pattern: client_id=('
    ])
    expect(await refused([{ name: 'match', configOperation: 0, value: 'client_id=' }])).toEqual([
      40,
      'Illegal client matching pattern: client_id='
    ])
    expect(await refused([{ name: 'push.ms', configOperation: 0, value: '1' }])).toEqual([
      42,
      'Unknown client metrics configuration: push.ms'
    ])
    expect(await refused([{ name: 'metrics', configOperation: 0, value: '*' }], '')).toEqual([
      42,
      "Subscription name can't be empty"
    ])
    expect(await listNames(connection)).toEqual([])
  })

  it('are kept across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-client-metrics-'))
    closing.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const first = await startTestCluster({ dataDir })
    const before = await connect(first)
    await alter(before, 'everything', [
      { name: 'metrics', configOperation: 0, value: '*' },
      { name: 'interval.ms', configOperation: 0, value: '2000' }
    ])
    await first.close()
    const second = await startTestCluster({ dataDir })
    closing.push(() => second.close())
    const after = await connect(second)
    expect(await listNames(after)).toEqual(['everything'])
    expect(await describeResource(after, 'everything')).toEqual({
      metrics: ['*', 7],
      'interval.ms': ['2000', 7]
    })
  })
})
