// The kafka_exporter metrics of a scrape that races a deletion: a topic deleted between the list
// of topics and its description, and a group deleted between the list of groups and its
// description, are left out of that scrape instead of failing it (Prometheus would record the
// whole target as down).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kafkaExporterMetrics } from '../../../src/server/metrics/kafka-exporter-metrics'
import type { Service } from '../../../src/engine/service/service'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  for (const name of ['kept', 'deleted'])
    await cluster.service.call('topics.create', { name, partitions: 2, replicationFactor: 1 })
  for (const groupId of ['kept-group', 'deleted-group'])
    await cluster.service.call('groups.resetOffsets', {
      groupId,
      topic: 'kept',
      to: { earliest: true },
      dryRun: false
    })
})
afterAll(() => cluster?.close())

describe('kafkaExporterMetrics', () => {
  it('leaves out a topic and a group deleted while it scrapes', async () => {
    // The real service, with a deletion right after each list was answered.
    const racing: Service = {
      ...cluster.service,
      call: async (method, params) => {
        const result = await cluster.service.call(method, params)
        if (method === 'topics.list')
          await cluster.service.call('topics.delete', { name: 'deleted' })
        if (method === 'groups.list')
          await cluster.service.call('groups.delete', { groupId: 'deleted-group' })
        return result
      }
    }
    const gauges = await kafkaExporterMetrics(racing)
    const samples = (name: string) => gauges.find((g) => g.name === name)!.samples
    // __consumer_offsets, which the groups' commits created, is listed as kafka_exporter lists it.
    expect(samples('kafka_topic_partitions')).toEqual([
      { labels: { topic: 'kept' }, value: 2 },
      { labels: { topic: '__consumer_offsets' }, value: 50 }
    ])
    expect(samples('kafka_consumergroup_members')).toEqual([
      { labels: { consumergroup: 'kept-group' }, value: 0 }
    ])
  })
})
