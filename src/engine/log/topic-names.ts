// The engine's check of topic names against Kafka's rules (src/shared/kafka).
import { EngineError } from '../engine-error'
import { describeTopicNameProblem, topicNameProblem } from '../../shared/kafka/topic-names'

export { collisionKey, reservedTopicName } from '../../shared/kafka/topic-names'

export function validateTopicName(name: string): void {
  const problem = topicNameProblem(name)
  if (problem)
    throw new EngineError(
      'invalid-topic-name',
      `Invalid topic name '${name}': ${describeTopicNameProblem(problem)}`,
      'name'
    )
}
