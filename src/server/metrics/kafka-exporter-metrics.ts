// A cluster's state under the metric names of kafka_exporter (danielqsj/kafka_exporter), which
// Grafana dashboards and lag alerts are commonly built on: brokers, each partition's offsets,
// leader and replicas, and each consumer group's committed offsets, lag and members. Read
// through the contract, so the embedded cluster and a saved Kafka connection give the same names.
// Consumer groups of both protocols are included; share groups, which kafka_exporter does not
// know, are not.
import type { Service } from '../../engine/service/service'
import { ApiError } from '../../shared/errors'
import type { Gauge, GaugeSample } from './prometheus-text'

/** A topic or group deleted between the list and its description is left out of the scrape. */
const unlessGone = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((err: unknown) => {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null
    throw err
  })
const present = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null)

/** The metrics of one connection (the embedded cluster when `connection` is undefined). */
export async function kafkaExporterMetrics(
  service: Service,
  connection?: string
): Promise<Gauge[]> {
  const on = connection === undefined ? {} : { connection }
  const cluster = await service.call('cluster.describe', on)
  const { topics } = await service.call('topics.list', { ...on, includeInternal: true })
  const described = present(
    await Promise.all(
      topics.map((t) => unlessGone(service.call('topics.describe', { ...on, name: t.name })))
    )
  )
  const { groups } = await service.call('groups.list', on)
  const consumerGroups = groups.filter((g) => g.groupType !== 'share')
  const groupDescriptions = present(
    await Promise.all(
      consumerGroups.map((g) =>
        unlessGone(service.call('groups.describe', { ...on, groupId: g.groupId }))
      )
    )
  )

  const gauge = (name: string, help: string, samples: GaugeSample[]): Gauge => ({
    name,
    help,
    samples
  })
  const perPartition = (
    pick: (p: (typeof described)[number]['partitions'][number]) => number
  ): GaugeSample[] =>
    described.flatMap((t) =>
      t.partitions.map((p) => ({
        labels: { partition: String(p.partition), topic: t.name },
        value: pick(p)
      }))
    )
  const perGroupPartition = (pick: (o: { committedOffset: number; lag: number }) => number) =>
    groupDescriptions.flatMap((g) =>
      g.offsets.map((o) => ({
        labels: { consumergroup: g.groupId, partition: String(o.partition), topic: o.topic },
        value: pick(o)
      }))
    )
  const perGroupTopic = (pick: (o: { committedOffset: number; lag: number }) => number) =>
    groupDescriptions.flatMap((g) => {
      const sums = new Map<string, number>()
      for (const o of g.offsets) sums.set(o.topic, (sums.get(o.topic) ?? 0) + pick(o))
      return [...sums].map(([topic, value]) => ({
        labels: { consumergroup: g.groupId, topic },
        value
      }))
    })

  return [
    gauge('kafka_brokers', 'Number of Brokers in the Kafka Cluster.', [
      { labels: {}, value: cluster.brokers.filter((b) => b.status === 'online').length }
    ]),
    gauge(
      'kafka_broker_info',
      'Information about the Kafka Broker.',
      cluster.brokers
        .filter((b) => b.status === 'online')
        .map((b) => ({ labels: { address: `${b.host}:${b.port}`, id: String(b.id) }, value: b.id }))
    ),
    gauge(
      'kafka_topic_partitions',
      'Number of partitions for this Topic',
      described.map((t) => ({ labels: { topic: t.name }, value: t.partitions.length }))
    ),
    gauge(
      'kafka_topic_partition_current_offset',
      'Current Offset of a Broker at Topic/Partition',
      perPartition((p) => p.highWatermark)
    ),
    gauge(
      'kafka_topic_partition_oldest_offset',
      'Oldest Offset of a Broker at Topic/Partition',
      perPartition((p) => p.logStartOffset)
    ),
    gauge(
      'kafka_topic_partition_in_sync_replica',
      'Number of In-Sync Replicas for this Topic/Partition',
      perPartition((p) => p.isr.length)
    ),
    gauge(
      'kafka_topic_partition_leader',
      'Leader Broker ID of this Topic/Partition',
      perPartition((p) => p.leader)
    ),
    gauge(
      'kafka_topic_partition_leader_is_preferred',
      '1 if Topic/Partition is using the Preferred Broker',
      perPartition((p) => (p.leader >= 0 && p.leader === p.replicas[0] ? 1 : 0))
    ),
    gauge(
      'kafka_topic_partition_replicas',
      'Number of Replicas for this Topic/Partition',
      perPartition((p) => p.replicas.length)
    ),
    gauge(
      'kafka_topic_partition_under_replicated_partition',
      '1 if Topic/Partition is under Replicated',
      perPartition((p) => (p.isr.length < p.replicas.length ? 1 : 0))
    ),
    gauge(
      'kafka_consumergroup_current_offset',
      'Current Offset of a ConsumerGroup at Topic/Partition',
      perGroupPartition((o) => o.committedOffset)
    ),
    gauge(
      'kafka_consumergroup_current_offset_sum',
      'Current Offset of a ConsumerGroup at Topic for all partitions',
      perGroupTopic((o) => o.committedOffset)
    ),
    gauge(
      'kafka_consumergroup_lag',
      'Current Approximate Lag of a ConsumerGroup at Topic/Partition',
      perGroupPartition((o) => o.lag)
    ),
    gauge(
      'kafka_consumergroup_lag_sum',
      'Current Approximate Lag of a ConsumerGroup at Topic for all partitions',
      perGroupTopic((o) => o.lag)
    ),
    gauge(
      'kafka_consumergroup_members',
      'Amount of members in a consumer group',
      groupDescriptions.map((g) => ({
        labels: { consumergroup: g.groupId },
        value: g.members.length
      }))
    )
  ]
}
