// Kafka's topic-name rules as the wizard checks them while a person types, including the
// '.'/'_' collision (Kafka treats "a.b" and "a_b" as the same name in its metrics); the rules
// themselves live in src/shared/kafka.
import {
  collisionKey,
  MAX_TOPIC_NAME_LENGTH,
  shownCharacter,
  topicNameProblem,
  type TopicNameProblem
} from '../../../shared/kafka/topic-names'

export interface NameCheck {
  /** Why the name cannot be used; null when it can. */
  error: string | null
  /** Legal but worth a second look. */
  warning: string | null
}

/** A broken rule as the wizard says it to the person typing. */
function sayProblem(problem: TopicNameProblem): string {
  switch (problem.reason) {
    case 'empty':
      return 'Enter a name for the topic'
    case 'dots':
      return "A topic cannot be called '.' or '..'"
    case 'too-long':
      return `At most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${problem.length})`
    case 'illegal-character':
      return `${shownCharacter(problem.character)} is not allowed: use letters, digits, '.', '_' and '-'`
  }
}

export function checkTopicName(name: string, existing: ReadonlyMap<string, string>): NameCheck {
  const problem = topicNameProblem(name)
  if (problem) return { error: sayProblem(problem), warning: null }
  const other = existing.get(collisionKey(name))
  if (other === name) return { error: `Topic '${name}' already exists`, warning: null }
  if (other !== undefined)
    return {
      error: `Collides with existing topic '${other}': Kafka treats '.' and '_' as the same character in metric names`,
      warning: null
    }
  if (name.startsWith('__'))
    return {
      error: null,
      warning: "Names starting with '__' are used by Kafka's internal topics"
    }
  if (name.includes('.') && name.includes('_'))
    return {
      error: null,
      warning: "Mixing '.' and '_' invites collisions later: pick one separator"
    }
  return { error: null, warning: null }
}
