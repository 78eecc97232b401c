// CreateDelegationToken (38), RenewDelegationToken (39), ExpireDelegationToken (40) and
// DescribeDelegationToken (41), with Kafka's checks in Kafka's order: token requests are refused
// on PLAINTEXT, on SSL without a client certificate and over a connection that logged in with a
// token (DELEGATION_TOKEN_REQUEST_NOT_ALLOWED); a token for another owner needs CREATE_TOKENS on
// that USER; renewers must be users; then the token manager (security/delegation-tokens.ts)
// answers, DELEGATION_TOKEN_AUTH_DISABLED without delegation.token.secret.key. Describe lists the
// tokens the principal owns, requested or may renew, and those it may DESCRIBE (the
// DELEGATION_TOKEN) or whose owner it may DESCRIBE_TOKENS (the USER). With no authorizer every
// check of an ACL passes, as in Kafka.
//
// CreateDelegationToken Request (Version: 3) => owner_principal_type owner_principal_name
//   [renewers] max_lifetime_ms TAG_BUFFER
// RenewDelegationToken Request (Version: 2) => hmac renew_period_ms TAG_BUFFER
// ExpireDelegationToken Request (Version: 2) => hmac expiry_time_period_ms TAG_BUFFER
// DescribeDelegationToken Request (Version: 3) => [owners] TAG_BUFFER
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { DelegationToken } from '../../security/delegation-tokens'
import { ownerOrRenewer } from '../../security/delegation-tokens'
import type {
  CreateDelegationTokenRequest,
  CreateDelegationTokenResponse,
  DescribeDelegationTokenRequest,
  DescribeDelegationTokenResponse,
  Encodable,
  ExpireDelegationTokenRequest,
  ExpireDelegationTokenResponse,
  RenewDelegationTokenRequest,
  RenewDelegationTokenResponse
} from '../protocol'
import type { RequestContext } from '../request-context'
import { requestAccess } from '../authorization/gate'
import { requestSubject } from '../authorization/access'
import type { AclOperation, AclResourceType } from '../../../shared/api/acls'

/** Kafka's DelegationTokenManager.ErrorTimestamp. */
const ERROR_TIMESTAMP = -1n

/**
 * Kafka's allowTokenRequests: not over a token's login, not on PLAINTEXT, not on SSL without a
 * client certificate (the principal is then ANONYMOUS).
 */
function tokenRequestsAllowed(ctx: RequestContext): boolean {
  if (ctx.sasl) return !ctx.sasl.tokenAuthenticated
  return ctx.user !== null
}

/** The request's principal, `User:NAME` (`User:ANONYMOUS` without a login). */
function principalOf(ctx: RequestContext): string {
  return requestSubject(ctx).principal
}

function splitPrincipal(p: string): { type: string; name: string } {
  const at = p.indexOf(':')
  return { type: p.slice(0, at), name: p.slice(at + 1) }
}

/** An ACL check as Kafka's authHelper.authorize makes it: true when no authorizer is set. */
function authorize(
  ctx: RequestContext,
  operation: AclOperation,
  type: AclResourceType,
  name: string
): boolean {
  const authorizer = ctx.authorizer
  return !authorizer || requestAccess(ctx, authorizer).can(operation, type, name)
}

export function handleCreateDelegationToken(
  body: CreateDelegationTokenRequest,
  ctx: RequestContext
): Encodable<CreateDelegationTokenResponse> {
  const requester = principalOf(ctx)
  const owner =
    body.ownerPrincipalName === null || body.ownerPrincipalName === ''
      ? requester
      : `${body.ownerPrincipalType ?? ''}:${body.ownerPrincipalName}`
  const o = splitPrincipal(owner)
  const r = splitPrincipal(requester)
  const base = {
    principalType: o.type,
    principalName: o.name,
    tokenRequesterPrincipalType: r.type,
    tokenRequesterPrincipalName: r.name,
    throttleTimeMs: 0
  }
  const refused = (errorCode: number, timestamp = ERROR_TIMESTAMP) => ({
    ...base,
    errorCode,
    issueTimestampMs: timestamp,
    expiryTimestampMs: timestamp,
    maxTimestampMs: timestamp,
    tokenId: '',
    hmac: Buffer.alloc(0)
  })
  if (!tokenRequestsAllowed(ctx)) return refused(ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED)
  if (owner !== requester && !authorize(ctx, 'CREATE_TOKENS', 'USER', owner))
    return refused(ErrorCode.DELEGATION_TOKEN_AUTHORIZATION_FAILED)
  if (body.renewers.some((x) => x.principalType !== 'User'))
    return refused(ErrorCode.INVALID_PRINCIPAL_TYPE)
  const out = ctx.engine.createDelegationToken(
    owner,
    requester,
    body.renewers.map((x) => `${x.principalType}:${x.principalName}`),
    Number(body.maxLifetimeMs)
  )
  if (!out.ok) return refused(ErrorCode[out.error], 0n)
  const t = out.token
  return {
    ...base,
    errorCode: ErrorCode.NONE,
    issueTimestampMs: BigInt(t.issueMs),
    expiryTimestampMs: BigInt(t.expiryMs),
    maxTimestampMs: BigInt(t.maxMs),
    tokenId: t.tokenId,
    hmac: t.hmac
  }
}

export function handleRenewDelegationToken(
  body: RenewDelegationTokenRequest,
  ctx: RequestContext
): Encodable<RenewDelegationTokenResponse> {
  if (!tokenRequestsAllowed(ctx))
    return {
      errorCode: ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED,
      expiryTimestampMs: ERROR_TIMESTAMP,
      throttleTimeMs: 0
    }
  const out = ctx.engine.renewDelegationToken(
    principalOf(ctx),
    Buffer.from(body.hmac),
    Number(body.renewPeriodMs)
  )
  return out.ok
    ? { errorCode: ErrorCode.NONE, expiryTimestampMs: BigInt(out.expiryMs), throttleTimeMs: 0 }
    : { errorCode: ErrorCode[out.error], expiryTimestampMs: 0n, throttleTimeMs: 0 }
}

export function handleExpireDelegationToken(
  body: ExpireDelegationTokenRequest,
  ctx: RequestContext
): Encodable<ExpireDelegationTokenResponse> {
  if (!tokenRequestsAllowed(ctx))
    return {
      errorCode: ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED,
      expiryTimestampMs: ERROR_TIMESTAMP,
      throttleTimeMs: 0
    }
  const out = ctx.engine.expireDelegationToken(
    principalOf(ctx),
    Buffer.from(body.hmac),
    Number(body.expiryTimePeriodMs)
  )
  return out.ok
    ? { errorCode: ErrorCode.NONE, expiryTimestampMs: BigInt(out.expiryMs), throttleTimeMs: 0 }
    : { errorCode: ErrorCode[out.error], expiryTimestampMs: 0n, throttleTimeMs: 0 }
}

export function handleDescribeDelegationToken(
  body: DescribeDelegationTokenRequest,
  ctx: RequestContext
): Encodable<DescribeDelegationTokenResponse> {
  const answer = (errorCode: number, tokens: DelegationToken[] = []) => ({
    errorCode,
    throttleTimeMs: 0,
    tokens: tokens.map((t) => {
      const o = splitPrincipal(t.owner)
      const r = splitPrincipal(t.requester)
      return {
        principalType: o.type,
        principalName: o.name,
        tokenRequesterPrincipalType: r.type,
        tokenRequesterPrincipalName: r.name,
        issueTimestamp: BigInt(t.issueMs),
        expiryTimestamp: BigInt(t.expiryMs),
        maxTimestamp: BigInt(t.maxMs),
        tokenId: t.tokenId,
        hmac: t.hmac,
        renewers: t.renewers.map((p) => {
          const x = splitPrincipal(p)
          return { principalType: x.type, principalName: x.name }
        })
      }
    })
  })
  if (!tokenRequestsAllowed(ctx)) return answer(ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED)
  if (!ctx.engine.delegationTokensEnabled()) return answer(ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED)
  if (body.owners !== null && body.owners.length === 0) return answer(ErrorCode.NONE)
  const owners = body.owners?.map((p) => `${p.principalType}:${p.principalName}`) ?? null
  const requester = principalOf(ctx)
  const eligible = (t: DelegationToken) => {
    if (owners !== null && !owners.some((p) => ownerOrRenewer(t, p))) return false
    if (ownerOrRenewer(t, requester)) return true
    return (
      authorize(ctx, 'DESCRIBE', 'DELEGATION_TOKEN', t.tokenId) ||
      authorize(ctx, 'DESCRIBE_TOKENS', 'USER', t.owner)
    )
  }
  return answer(ErrorCode.NONE, ctx.engine.delegationTokens().filter(eligible))
}
