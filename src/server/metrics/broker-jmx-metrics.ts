// One broker's own metrics under the names the Prometheus JMX exporter gives Kafka's MBeans with
// Strimzi's rules (packaging/examples/metrics/kafka-metrics.yaml), which Strimzi's and
// Confluent's Grafana dashboards and alert rules query: the traffic it counted per topic and over
// all topics, its replicas, partitions and logs, its requests and their times, its connections
// per listener, and the controller's gauges (on the controller only, 0 on the other brokers).
// Each metric's HELP names the MBean and attribute it stands for.
import type { Engine } from '../../engine/engine'
import { ApiKey } from '../../engine/kafka/protocol'
import {
  REQUEST_TIMES,
  type RequestTime,
  type RequestTimes,
  type TopicTraffic
} from '../../engine/metrics/broker-stats'
import type { Gauge, GaugeSample } from './prometheus-text'

/** Kafka's name of each API key (ApiKeys' `name`): the request label. */
const API_NAMES = new Map<number, string>(Object.entries(ApiKey).map(([name, key]) => [key, name]))

/** The percentiles Kafka's histograms report, as the exporter's rules label them. */
const QUANTILES: readonly [number, string][] = [
  [0.5, '0.50'],
  [0.75, '0.75'],
  [0.95, '0.95'],
  [0.98, '0.98'],
  [0.99, '0.99'],
  [0.999, '0.999']
]

/** BrokerTopicMetrics' meters, by the count each stands for. */
const TOPIC_METERS: readonly [keyof TopicTraffic, string][] = [
  ['messagesIn', 'MessagesInPerSec'],
  ['bytesIn', 'BytesInPerSec'],
  ['bytesOut', 'BytesOutPerSec'],
  ['totalProduceRequests', 'TotalProduceRequestsPerSec'],
  ['failedProduceRequests', 'FailedProduceRequestsPerSec'],
  ['totalFetchRequests', 'TotalFetchRequestsPerSec'],
  ['failedFetchRequests', 'FailedFetchRequestsPerSec']
]

/** Kafka's BrokerState of a running broker (RUNNING). */
const RUNNING = 3

/** The MBean keys after type and name of the per-partition gauges, for their HELP. */
const PER_PARTITION = ',topic=T,partition=P'

/**
 * An MBean's Value as the exporter's generic rule names it: kafka_<domain>_<type>_<name> in
 * lower case (lowercaseOutputName), its other keys as labels; the HELP names the MBean.
 */
function valueOf(
  domain: string,
  type: string,
  name: string,
  samples: GaugeSample[],
  keys = ''
): Gauge {
  return {
    name: `kafka_${domain}_${type}_${name}`.toLowerCase(),
    help: `kafka.${domain}:type=${type},name=${name}${keys} (Value)`,
    samples
  }
}

/** A meter's Count (its name ends PerSec), a counter: kafka_<domain>_<type>_<name>_total. */
function countOf(
  domain: string,
  type: string,
  meter: string,
  samples: GaugeSample[],
  keys = ''
): Gauge {
  return {
    name: `kafka_${domain}_${type}_${meter.replace(/PerSec$/, '')}_total`.toLowerCase(),
    help: `kafka.${domain}:type=${type},name=${meter}${keys} (Count)`,
    samples,
    type: 'counter'
  }
}

const one = (value: number): GaugeSample[] => [{ labels: {}, value }]
const byName = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : 1)

/**
 * The metrics of broker `brokerId`, as its JMX exporter would serve them now; throws for a
 * broker that does not run (its JVM would be down: the scrape fails, 503).
 */
export function brokerJmxMetrics(engine: Engine, brokerId: number): Gauge[] {
  const broker = engine.broker(brokerId)
  if (!broker) throw new Error(`Broker ${brokerId} does not exist`)
  if (broker.status !== 'online')
    throw new Error(`Broker ${brokerId} is stopped: its metrics come back when it starts`)
  const stats = engine.brokerStats(brokerId)
  const topics = engine.listTopics().sort((a, b) => (a.name < b.name ? -1 : 1))

  // The replicas this broker holds, and what each is as Kafka's Partition and Log gauges say.
  const replicas = topics.flatMap((topic) =>
    topic.partitions
      .filter((p) => p.replicas.includes(brokerId))
      .map((p) => {
        const leads = p.leader === brokerId
        const minIsr = engine.minInsyncReplicas(topic)
        const log = engine.partitionLog(topic, p.partition)
        return {
          labels: { topic: topic.name, partition: String(p.partition) },
          leads,
          underReplicated: leads && p.isr.length < p.replicas.length,
          underMinIsr: leads && p.isr.length < minIsr,
          atMinIsr: leads && p.isr.length === minIsr,
          reassigning: leads && p.reassignment !== undefined,
          replicas: p.replicas.length,
          isr: p.isr.length,
          stableLag: log.highWatermark - engine.lastStableOffset(topic, p.partition),
          size: engine.replicaSizeBytes(topic, p, brokerId),
          logStart: log.logStartOffset,
          logEnd: engine.replicaLogEnd(topic, p, brokerId)
        }
      })
  )
  type Replica = (typeof replicas)[number]
  const replicaManager = (name: string, pick: (r: Replica) => boolean) =>
    valueOf('server', 'ReplicaManager', name, one(replicas.filter(pick).length))
  // Kafka's Partition gauges are 0 on a follower.
  const partition = (name: string, pick: (r: Replica) => number | boolean) =>
    valueOf(
      'cluster',
      'Partition',
      name,
      replicas.map((r) => ({ labels: r.labels, value: r.leads ? Number(pick(r)) : 0 })),
      PER_PARTITION
    )
  const log = (name: string, pick: (r: Replica) => number) =>
    valueOf(
      'log',
      'Log',
      name,
      replicas.map((r) => ({ labels: r.labels, value: pick(r) })),
      PER_PARTITION
    )

  // The controller's gauges: on the active controller, 0 on every other broker.
  const controls = engine.controllerId === brokerId
  const controller = (name: string, value: number) =>
    valueOf('controller', 'KafkaController', name, one(controls ? value : 0))
  const partitions = topics.flatMap((t) => t.partitions)
  const brokers = engine.listBrokers()

  const apiName = (key: number) => API_NAMES.get(key) ?? String(key)
  const timed = [...stats.requestTimes].sort(([a], [b]) => a - b)
  const listeners = listenersOf(engine, brokerId)
  const socketServer = (attribute: string, pick: (listener: string) => number): Gauge => ({
    name: `kafka_server_socket_server_metrics_${attribute.replace(/-/g, '_')}`,
    help: `kafka.server:type=socket-server-metrics,listener=L,networkProcessor=N (${attribute})`,
    samples: listeners.map((listener) => ({
      labels: { listener, networkProcessor: '0' },
      value: pick(listener)
    })),
    ...(attribute.endsWith('-total') ? { type: 'counter' as const } : {})
  })

  return [
    valueOf('server', 'KafkaServer', 'BrokerState', one(RUNNING)),
    ...TOPIC_METERS.map(([key, meter]) =>
      countOf(
        'server',
        'BrokerTopicMetrics',
        meter,
        [
          { labels: {}, value: stats.allTopics[key] },
          ...[...stats.topics]
            .sort(byName)
            .map(([topic, t]) => ({ labels: { topic }, value: t[key] }))
        ],
        '[,topic=T]'
      )
    ),
    valueOf('server', 'ReplicaManager', 'PartitionCount', one(replicas.length)),
    replicaManager('LeaderCount', (r) => r.leads),
    replicaManager('UnderReplicatedPartitions', (r) => r.underReplicated),
    replicaManager('UnderMinIsrPartitionCount', (r) => r.underMinIsr),
    replicaManager('AtMinIsrPartitionCount', (r) => r.atMinIsr),
    // Replicas on a log directory gone offline: the one data directory never goes offline.
    replicaManager('OfflineReplicaCount', () => false),
    replicaManager('ReassigningPartitions', (r) => r.reassigning),
    countOf('server', 'ReplicaManager', 'IsrShrinksPerSec', one(stats.isrShrinks)),
    countOf('server', 'ReplicaManager', 'IsrExpandsPerSec', one(stats.isrExpands)),
    partition('UnderReplicated', (r) => r.underReplicated),
    partition('UnderMinIsr', (r) => r.underMinIsr),
    partition('AtMinIsr', (r) => r.atMinIsr),
    partition('ReplicasCount', (r) => r.replicas),
    partition('InSyncReplicasCount', (r) => r.isr),
    partition('LastStableOffsetLag', (r) => r.stableLag),
    log('Size', (r) => r.size),
    log('LogStartOffset', (r) => r.logStart),
    log('LogEndOffset', (r) => r.logEnd),
    valueOf('log', 'LogManager', 'OfflineLogDirectoryCount', one(0)),
    controller('ActiveControllerCount', 1),
    controller('OfflinePartitionsCount', partitions.filter((p) => p.leader < 0).length),
    controller('GlobalPartitionCount', partitions.length),
    controller('GlobalTopicCount', topics.length),
    controller(
      'PreferredReplicaImbalanceCount',
      partitions.filter((p) => p.leader >= 0 && p.leader !== p.replicas[0]).length
    ),
    controller('ActiveBrokerCount', brokers.filter((b) => b.status === 'online').length),
    controller('FencedBrokerCount', brokers.filter((b) => b.status !== 'online').length),
    countOf(
      'controller',
      'ControllerStats',
      'UncleanLeaderElectionsPerSec',
      one(controls ? stats.uncleanLeaderElections : 0)
    ),
    countOf(
      'network',
      'RequestMetrics',
      'RequestsPerSec',
      [...stats.requests]
        .sort(([a], [b]) => a - b)
        .flatMap(([key, versions]) =>
          versions.flatMap((n, version) =>
            n === undefined
              ? []
              : [{ labels: { request: apiName(key), version: String(version) }, value: n }]
          )
        ),
      ',request=R,version=V'
    ),
    // Each request time is a histogram: its percentiles and its Count, as the rules give them.
    ...REQUEST_TIMES.flatMap((time) => requestTimes(time, timed, apiName)),
    socketServer('connection-count', (l) => stats.connections.get(l)?.open ?? 0),
    socketServer('connection-creation-total', (l) => stats.connections.get(l)?.created ?? 0)
  ]
}

/** A RequestMetrics histogram of every API timed: kafka_network_requestmetrics_<time>{quantile}, _count. */
function requestTimes(
  time: RequestTime,
  timed: [number, Record<RequestTime, RequestTimes>][],
  apiName: (key: number) => string
): Gauge[] {
  const name = `kafka_network_requestmetrics_${time.toLowerCase()}`
  const mbeanName = `kafka.network:type=RequestMetrics,name=${time},request=R`
  return [
    {
      name,
      help: `${mbeanName} (NNthPercentile)`,
      samples: timed.flatMap(([key, times]) => {
        const values = times[time].quantiles(QUANTILES.map(([q]) => q))
        return QUANTILES.map(([, quantile], i) => ({
          labels: { request: apiName(key), quantile },
          value: values[i]
        }))
      })
    },
    {
      name: `${name}_count`,
      help: `${mbeanName} (Count)`,
      samples: timed.map(([key, times]) => ({
        labels: { request: apiName(key) },
        value: times[time].count
      })),
      type: 'counter'
    }
  ]
}

/** The broker's listeners by name (each has one acceptor: networkProcessor 0). */
function listenersOf(engine: Engine, brokerId: number): string[] {
  const endpoints = engine.broker(brokerId)?.endpoints ?? []
  return endpoints.length > 0 ? endpoints.map((e) => e.listener) : ['PLAINTEXT']
}
