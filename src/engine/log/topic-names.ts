// Kafka's topic-name rules, including the '.'/'_' collision that makes "a.b" and "a_b" clash
// in metric names.
import { ApiError } from '../../shared/errors'

const LEGAL = /^[a-zA-Z0-9._-]+$/

export function validateTopicName(name: string): void {
  const bad = (why: string) =>
    new ApiError('BAD_REQUEST', `Invalid topic name '${name}': ${why}`, 'name')
  if (name.length === 0) throw bad('it is empty')
  if (name === '.' || name === '..') throw bad("'.' and '..' are not allowed")
  if (name.length > 249) throw bad('it is longer than 249 characters')
  if (!LEGAL.test(name)) throw bad("only letters, digits, '.', '_' and '-' are allowed")
}

/** The name Kafka uses to detect collisions: '.' and '_' are the same in metric names. */
export function collisionKey(name: string): string {
  return name.replace(/\./g, '_')
}
