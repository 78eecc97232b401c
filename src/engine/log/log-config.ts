// The topic configs a partition log obeys: the typed topic config of src/shared/kafka.
import { type TopicConfig, topicConfigFrom } from '../../shared/kafka/topic-config'

export type LogConfig = TopicConfig

/** Parses effective topic configs (as TopicRegistry.effectiveConfigs returns them). */
export const logConfigFrom = topicConfigFrom

/** Kafka's defaults, for logs whose topic has not been configured. */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze(topicConfigFrom())
