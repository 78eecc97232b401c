// The engine's check of topic names against Kafka's rules (src/shared/kafka).
import { ApiError } from '../../shared/errors'
import { describeTopicNameProblem, topicNameProblem } from '../../shared/kafka/topic-names'

export { collisionKey } from '../../shared/kafka/topic-names'

export function validateTopicName(name: string): void {
  const problem = topicNameProblem(name)
  if (problem)
    throw new ApiError(
      'BAD_REQUEST',
      `Invalid topic name '${name}': ${describeTopicNameProblem(problem)}`,
      'name'
    )
}
