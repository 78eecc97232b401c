// Fetch's READ check, as Kafka makes it: on every partition a Fetch serves, those an incremental
// fetch's session holds included, not only those the request names. A partition whose READ ACL
// went away after it joined a session is answered TOPIC_AUTHORIZATION_FAILED from the next fetch
// on, stays in the session (it is served again once READ is granted), and the session goes on
// with the others. The Fetch handler asks only when ACLs are enforced.
import type { Authorizer } from '../../security/authorizer'
import type { RequestContext } from '../request-context'
import { perName, requestAccess } from './gate'

/**
 * The partitions of `targets` whose topic the principal may not READ, or undefined when it may
 * read them all. A topic is asked about once per request; '' (a Fetch 13+ topic id that names no
 * topic, answered UNKNOWN_TOPIC_ID) is not asked about.
 */
export function unreadableTargets<T extends { topic: string }>(
  targets: readonly T[],
  ctx: RequestContext,
  authorizer: Authorizer
): Set<T> | undefined {
  const access = requestAccess(ctx, authorizer)
  const canRead = perName((topic) => access.topic('READ', topic))
  let refused: Set<T> | undefined
  for (const target of targets)
    if (target.topic !== '' && !canRead(target.topic)) (refused ??= new Set()).add(target)
  return refused
}
