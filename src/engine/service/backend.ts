// The seam between the contract and a cluster: the embedded engine is one backend, a real
// Kafka cluster reached through a client library is another.
import type { ApiEvents, EventName } from '../../shared/contract'
import type { ClusterInfo, TopicDescription, TopicSummary } from '../../shared/model'

export interface NewTopicRequest {
  name: string
  partitions: number
  replicationFactor: number
  configs?: Record<string, string>
}

export type BackendEventListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void

export interface ClusterBackend {
  readonly kind: 'embedded' | 'kafka'
  describeCluster(): Promise<ClusterInfo>
  stopBroker(brokerId: number): Promise<void>
  startBroker(brokerId: number): Promise<void>
  listTopics(options: { includeInternal: boolean }): Promise<TopicSummary[]>
  /** Throws ApiError NOT_FOUND for an unknown topic. */
  describeTopic(name: string): Promise<TopicDescription>
  createTopic(request: NewTopicRequest): Promise<void>
  deleteTopic(name: string): Promise<void>
  /** Push events; returns the unsubscribe function. */
  subscribe(listener: BackendEventListener): () => void
}
