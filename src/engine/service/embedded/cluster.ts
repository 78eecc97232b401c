// Embedded backend, cluster area: describe, broker stop/start, history, leader elections.
import type { Engine } from '../../engine'
import type { Area } from '../backend'
import type { clusterParams, PartitionReassignment } from '../../../shared/api/cluster'
import { clusterInfo } from './views'
import { EngineError } from '../../engine-error'

function reassignmentsOf(engine: Engine, topic?: string): PartitionReassignment[] {
  return engine.reassignments(topic === undefined ? undefined : (t) => t === topic).map((r) => ({
    topic: r.topic,
    partition: r.partition,
    replicas: r.replicas,
    addingReplicas: r.addingReplicas,
    removingReplicas: r.removingReplicas
  }))
}

export function embeddedCluster(engine: Engine): Area<typeof clusterParams> {
  return {
    'cluster.describe': async () => clusterInfo(engine),
    'brokers.stop': async ({ brokerId }) => {
      engine.stopBroker(brokerId)
      return clusterInfo(engine)
    },
    'brokers.configure': async ({ brokerId, ...change }) => {
      engine.configureBroker(brokerId, change)
      return clusterInfo(engine)
    },
    'brokers.start': async ({ brokerId }) => {
      engine.startBroker(brokerId)
      return clusterInfo(engine)
    },
    'cluster.history': async ({ limit }) => ({ changes: engine.history(limit ?? 500) }),
    'cluster.quorum': async () => engine.metadataQuorum(),
    'cluster.features': async () => {
      const finalized = engine.finalizedFeatures()
      return {
        features: engine.supportedFeatures().map((f) => ({
          ...f,
          finalizedLevel: finalized.levels[f.name] ?? 0
        })),
        epoch: finalized.epoch
      }
    },
    'partitions.electLeaders': async ({ topic, partitions }) => ({
      elected: engine.electPreferredLeaders(topic, partitions)
    }),
    'partitions.reassign': async ({ topic, partition, replicas, throttleBytesPerSec }) => {
      engine.reassignPartition(topic, partition, replicas, { throttleBytesPerSec })
      return { reassignments: reassignmentsOf(engine, topic) }
    },
    'partitions.move': async ({ topic, partition, from, to, throttleBytesPerSec }) => {
      const p = engine.requireTopic(topic).partitions[partition]
      if (!p)
        throw new EngineError(
          'not-found',
          `Partition ${partition} of topic '${topic}' does not exist`,
          'partition'
        )
      if (!p.replicas.includes(from))
        throw new EngineError('invalid-argument', `Broker ${from} holds no replica of it`, 'from')
      if (p.replicas.includes(to)) {
        if (!p.isr.includes(to) || !engine.isOnline(to))
          throw new EngineError(
            'invalid-argument',
            `Broker ${to}'s replica is not in sync: it cannot lead yet`,
            'to'
          )
        engine.reassignPartition(topic, partition, [to, ...p.replicas.filter((r) => r !== to)])
        engine.electPreferredLeaders(topic, [partition])
        return { moved: 'leader', replicas: [...p.replicas], reassignments: [] }
      }
      const target = [to, ...p.replicas.filter((r) => r !== from)]
      engine.reassignPartition(topic, partition, target, { throttleBytesPerSec })
      return {
        moved: 'replica',
        replicas: target,
        reassignments: reassignmentsOf(engine, topic)
      }
    },
    'partitions.reassignments': async ({ topic }) => ({
      reassignments: reassignmentsOf(engine, topic)
    })
  }
}
