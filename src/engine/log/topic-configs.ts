// The engine's check of topic configs against Kafka's catalogue (src/shared/kafka).
import { EngineError } from '../engine-error'
import {
  checkTopicConfig,
  kafkaTopicConfigs,
  topicConfigConflict
} from '../../shared/kafka/topic-configs'

export { effectiveConfigs, kafkaTopicConfigs } from '../../shared/kafka/topic-configs'

/**
 * Checks one config value against every topic config Kafka defines (those the engine does not
 * implement are kept and shown, with no effect) and returns its canonical form; throws
 * EngineError naming the config.
 */
export function validateTopicConfig(name: string, value: string): string {
  const check = checkTopicConfig(name, value, kafkaTopicConfigs)
  if (check.ok) return check.value
  const message = check.unknown
    ? check.problem
    : `Invalid value '${value}' for ${name}: ${check.problem}`
  throw new EngineError('invalid-config', message, name)
}

/** Validates a whole config map; returns the canonical values. */
export function validateTopicConfigs(configs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(configs)) out[name] = validateTopicConfig(name, value)
  return out
}

/** Throws EngineError when the overrides, valid one by one, conflict as a whole. */
export function checkConfigCombination(overrides: Record<string, string>): void {
  const conflict = topicConfigConflict(overrides)
  if (conflict) throw new EngineError('invalid-config', conflict.problem, conflict.name)
}
