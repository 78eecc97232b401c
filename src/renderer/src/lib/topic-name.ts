// Kafka's topic-name rules as the wizard checks them while a person types, including the
// '.'/'_' collision (Kafka treats "a.b" and "a_b" as the same name in its metrics).

export const MAX_TOPIC_NAME = 249
const LEGAL = /^[a-zA-Z0-9._-]+$/
const ILLEGAL_CHAR = /[^a-zA-Z0-9._-]/

export interface NameCheck {
  /** Why the name cannot be used; null when it can. */
  error: string | null
  /** Legal but worth a second look. */
  warning: string | null
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

export function checkTopicName(name: string, existing: ReadonlyMap<string, string>): NameCheck {
  if (name.length === 0) return { error: 'Enter a name for the topic', warning: null }
  if (name === '.' || name === '..')
    return { error: "A topic cannot be called '.' or '..'", warning: null }
  if (name.length > MAX_TOPIC_NAME)
    return {
      error: `At most ${MAX_TOPIC_NAME} characters (this one has ${name.length})`,
      warning: null
    }
  if (!LEGAL.test(name)) {
    const bad = ILLEGAL_CHAR.exec(name)?.[0] ?? ''
    const shown = bad === ' ' ? 'a space' : `'${bad}'`
    return {
      error: `${shown} is not allowed: use letters, digits, '.', '_' and '-'`,
      warning: null
    }
  }
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
