// Kafka's topic-name rules, checked by the contract's schemas, the engine and the topic wizard,
// including the '.'/'_' collision (Kafka treats "a.b" and "a_b" as the same name in its metrics).

export const MAX_TOPIC_NAME_LENGTH = 249

const LEGAL = /^[a-zA-Z0-9._-]+$/
const ILLEGAL_CHARACTER = /[^a-zA-Z0-9._-]/

/** Why a name is not a legal topic name. */
export type TopicNameProblem =
  | { reason: 'empty' }
  | { reason: 'dots' }
  | { reason: 'too-long'; length: number }
  | { reason: 'illegal-character'; character: string }

/** The first rule a name breaks, or null when it is a legal topic name. */
export function topicNameProblem(name: string): TopicNameProblem | null {
  if (name.length === 0) return { reason: 'empty' }
  if (name === '.' || name === '..') return { reason: 'dots' }
  if (name.length > MAX_TOPIC_NAME_LENGTH) return { reason: 'too-long', length: name.length }
  if (!LEGAL.test(name))
    return { reason: 'illegal-character', character: ILLEGAL_CHARACTER.exec(name)?.[0] ?? '' }
  return null
}

/** A problem as a short clause: "must not be empty", "cannot be '.' or '..'", ... */
export function describeTopicNameProblem(problem: TopicNameProblem): string {
  switch (problem.reason) {
    case 'empty':
      return 'must not be empty'
    case 'dots':
      return "cannot be '.' or '..'"
    case 'too-long':
      return `must be at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${problem.length})`
    case 'illegal-character':
      return `may contain only letters, digits, '.', '_' and '-' (not ${shownCharacter(problem.character)})`
  }
}

/** A character as a person reads it in a message: a space, or the character quoted. */
export function shownCharacter(character: string): string {
  return character === ' ' ? 'a space' : `'${character}'`
}

/** The name Kafka compares for collisions: '.' and '_' are the same in metric names. */
export function collisionKey(name: string): string {
  return name.replace(/\./g, '_')
}

/** Index of existing names by collision key, built once per topic list. */
export function collisionIndex(names: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>()
  for (const n of names) index.set(collisionKey(n), n)
  return index
}

/** Names Kafka keeps for its own topics (group offsets, transactions, share groups, KRaft). */
export const INTERNAL_TOPIC_NAMES: readonly string[] = [
  '__consumer_offsets',
  '__transaction_state',
  '__share_group_state',
  '__cluster_metadata',
  '__remote_log_metadata'
]

/** The topics Kafka's Topic.isInternal names: Metadata answers them is_internal. */
const KAFKA_INTERNAL_TOPICS: ReadonlySet<string> = new Set(INTERNAL_TOPIC_NAMES.slice(0, 3))

/** Whether Kafka flags a topic of this name internal (__consumer_offsets, __transaction_state, __share_group_state). */
export function isInternalTopic(name: string): boolean {
  return KAFKA_INTERNAL_TOPICS.has(name)
}

const internalByCollisionKey = collisionIndex(INTERNAL_TOPIC_NAMES)

/** The internal topic a name is, or collides with ('.' for '_'); undefined for ordinary names. */
export function reservedTopicName(name: string): string | undefined {
  return internalByCollisionKey.get(collisionKey(name))
}
