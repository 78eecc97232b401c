// The topic configs a partition log obeys: the typed topic config of src/shared/kafka, and the
// broker's message.max.bytes.
import { type TopicConfig, topicConfigFrom } from '../../shared/kafka/topic-config'

export type LogConfig = TopicConfig & {
  /** The broker's message.max.bytes: the most a compressed batch may inflate to. */
  maxDecompressedBytes: number
}

/** Kafka's default message.max.bytes. */
export const DEFAULT_MESSAGE_MAX_BYTES = 1_048_588

/** Parses effective topic configs (as TopicRegistry.effectiveConfigs returns them). */
export function logConfigFrom(
  configs: Record<string, string> = {},
  messageMaxBytes = DEFAULT_MESSAGE_MAX_BYTES
): LogConfig {
  return { ...topicConfigFrom(configs), maxDecompressedBytes: messageMaxBytes }
}

/** Kafka's defaults, for logs whose topic has not been configured. */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze(logConfigFrom())
