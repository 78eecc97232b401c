// The authorization gate in front of the handlers: each API's rule (rules.ts) says which parts
// of a request the principal may do; the handler gets only those, and the refused parts are
// answered with Kafka's authorization errors (TOPIC_, GROUP_, CLUSTER_ and
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED) where Kafka puts them.
import type { Encodable, RequestBodies, ResponseBodies, ServedApiKey } from '../protocol'
import type { Handler } from '../dispatch'
import type { RequestContext } from '../request-context'
import type { Authorizer } from '../../security/authorizer'
import { Access, requestSubject } from './access'

type Response<K extends ServedApiKey> = Encodable<ResponseBodies[K]>

/** What a rule decides for one request. */
export type Gate<K extends ServedApiKey> =
  /** Answered here without the handler (refused as a whole, or nothing left to do). */
  | { answer: Response<K> | null }
  /** The handler gets `body` (the allowed part); `patch` adds the refused parts to its answer. */
  | { body: RequestBodies[K]; patch?: (response: Response<K>) => Response<K> }

export type Rule<K extends ServedApiKey> = (
  body: RequestBodies[K],
  access: Access,
  version: number,
  ctx: RequestContext
) => Gate<K>

/** Nothing to check: ApiVersions, the SASL login, DescribeCluster (as in Kafka). */
export const open = <K extends ServedApiKey>(body: RequestBodies[K]): Gate<K> => ({ body })

/** Splits items into those allowed and those refused. */
export function split<T>(items: readonly T[], allowed: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = []
  const no: T[] = []
  for (const item of items) (allowed(item) ? yes : no).push(item)
  return [yes, no]
}

/** An element of a list field. */
type ItemOf<L> = NonNullable<L> extends readonly (infer E)[] ? E : never

/**
 * The gate of a request whose items (topics, groups, resources) are allowed or refused one by
 * one (`split`): the handler gets the allowed ones in the request's `field`, and each refused one
 * is answered with `refusal` in the response's `answers`, after the handler's answers.
 */
export function refuseEach<
  K extends ServedApiKey,
  F extends keyof RequestBodies[K],
  G extends keyof Response<K>
>(
  body: RequestBodies[K],
  field: F,
  [kept, refused]: [ItemOf<RequestBodies[K][F]>[], ItemOf<RequestBodies[K][F]>[]],
  answers: G,
  refusal: (item: ItemOf<RequestBodies[K][F]>) => ItemOf<Response<K>[G]>
): Gate<K> {
  if (refused.length === 0) return { body }
  return {
    body: { ...body, [field]: kept },
    patch: (r) => {
      const answered = (r[answers] as unknown[] | null | undefined) ?? []
      return { ...r, [answers]: [...answered, ...refused.map(refusal)] }
    }
  }
}

/** Memoizes a per-name decision within one request (each refusal is logged once). */
export function perName(decide: (name: string) => boolean): (name: string) => boolean {
  const seen = new Map<string, boolean>()
  return (name) => {
    let ok = seen.get(name)
    if (ok === undefined) seen.set(name, (ok = decide(name)))
    return ok
  }
}

/** A refusal logged within this window is not logged again (a client retrying stays quiet). */
const DENIAL_LOG_WINDOW_MS = 10_000
const recentDenials = new WeakMap<Authorizer, Map<string, number>>()

function denialLogger(authorizer: Authorizer, log: (line: string) => void) {
  let recent = recentDenials.get(authorizer)
  if (!recent) recentDenials.set(authorizer, (recent = new Map()))
  const seen = recent
  return (line: string) => {
    const now = Date.now()
    const last = seen.get(line)
    if (last !== undefined && now - last < DENIAL_LOG_WINDOW_MS) return
    if (seen.size > 10_000) seen.clear()
    seen.set(line, now)
    log(line)
  }
}

/** What the request's principal may do, its refusals logged by the receiving broker. */
export function requestAccess(ctx: RequestContext, authorizer: Authorizer): Access {
  return new Access(
    authorizer,
    requestSubject(ctx),
    denialLogger(authorizer, (line) => ctx.log(`broker ${ctx.broker.id}: ${line}`))
  )
}

/** Runs the handler on what the principal may do; without an authorizer, on the whole request. */
export function handleAuthorized<K extends ServedApiKey>(
  rule: Rule<K>,
  handler: Handler<K>,
  body: RequestBodies[K],
  ctx: RequestContext,
  version: number
): ReturnType<Handler<K>> {
  const authorizer = ctx.authorizer
  // The handler's own answer, not one wrapped in another promise.
  if (!authorizer) return handler(body, ctx, version)
  return gated(rule, handler, body, ctx, version, authorizer)
}

async function gated<K extends ServedApiKey>(
  rule: Rule<K>,
  handler: Handler<K>,
  body: RequestBodies[K],
  ctx: RequestContext,
  version: number,
  authorizer: Authorizer
): Promise<Response<K> | null> {
  const gate = rule(body, requestAccess(ctx, authorizer), version, ctx)
  if ('answer' in gate) return gate.answer
  const response = await handler(gate.body, ctx, version)
  return response && gate.patch ? gate.patch(response) : response
}
