// DescribeUserScramCredentials (key 50) and AlterUserScramCredentials (key 51): the SASL users'
// SCRAM credentials, as Kafka's admin clients list, add and remove them. Per-user errors as
// Kafka gives them; a user with any refused change has none of its changes applied.
//
// DescribeUserScramCredentials Request (Version: 0) => [users] TAG_BUFFER
// AlterUserScramCredentials Request (Version: 0) => [deletions] [upsertions] TAG_BUFFER
import { ErrorCode, type ErrorName } from '../../../shared/kafka/error-codes'
import {
  credentialFromSaltedPassword,
  SCRAM_MAX_ITERATIONS,
  SCRAM_MECHANISM_CODES,
  SCRAM_MIN_ITERATIONS,
  SCRAM_MECHANISMS,
  type ScramMechanism
} from '../../security/scram'
import type {
  AlterUserScramCredentialsRequest,
  AlterUserScramCredentialsResponse,
  DescribeUserScramCredentialsRequest,
  DescribeUserScramCredentialsResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'

function mechanismOf(code: number): ScramMechanism | undefined {
  return SCRAM_MECHANISMS.find((m) => SCRAM_MECHANISM_CODES[m] === code)
}

export function handleDescribeUserScramCredentials(
  body: DescribeUserScramCredentialsRequest,
  ctx: RequestContext
): Encodable<DescribeUserScramCredentialsResponse> {
  const engine = ctx.engine
  const users = engine.saslUsers()
  const describe = (name: string) => {
    const u = users.find((x) => x.name === name)
    return {
      user: name,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      credentialInfos: (u?.credentials ?? []).map((c) => ({
        mechanism: SCRAM_MECHANISM_CODES[c.mechanism],
        iterations: c.iterations
      }))
    }
  }
  if (!body.users || body.users.length === 0)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      results: users.map((u) => describe(u.name))
    }
  const counts = new Map<string, number>()
  for (const u of body.users) counts.set(u.name, (counts.get(u.name) ?? 0) + 1)
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    results: [...counts.entries()].map(([name, n]) =>
      n > 1
        ? {
            user: name,
            errorCode: ErrorCode.DUPLICATE_RESOURCE,
            errorMessage:
              'Cannot describe SCRAM credentials for the same user twice in a single request'
          }
        : engine.hasSaslUser(name)
          ? describe(name)
          : {
              user: name,
              errorCode: ErrorCode.RESOURCE_NOT_FOUND,
              errorMessage: 'Attempt to describe a user credential that does not exist'
            }
    )
  }
}

type Failure = { error: ErrorName; message: string }

export function handleAlterUserScramCredentials(
  body: AlterUserScramCredentialsRequest,
  ctx: RequestContext
): Encodable<AlterUserScramCredentialsResponse> {
  const engine = ctx.engine
  const failures = new Map<string, Failure>()
  const fail = (user: string, error: ErrorName, message: string) => {
    if (!failures.has(user)) failures.set(user, { error, message })
  }
  const seen = new Set<string>()
  const users: string[] = []
  const check = (name: string, code: number) => {
    if (!users.includes(name)) users.push(name)
    const key = `${name}\u0000${code}`
    if (seen.has(key))
      fail(
        name,
        'DUPLICATE_RESOURCE',
        'A user credential cannot be altered twice in the same request'
      )
    seen.add(key)
    if (name === '') fail(name, 'UNACCEPTABLE_CREDENTIAL', 'Username must not be empty')
    const mechanism = mechanismOf(code)
    if (!mechanism) fail(name, 'UNSUPPORTED_SASL_MECHANISM', 'Unknown SCRAM mechanism')
    return mechanism
  }
  for (const d of body.deletions) {
    const mechanism = check(d.name, d.mechanism)
    if (mechanism && !engine.scramCredential(d.name, mechanism))
      fail(d.name, 'RESOURCE_NOT_FOUND', 'Attempt to delete a user credential that does not exist')
  }
  for (const u of body.upsertions) {
    check(u.name, u.mechanism)
    if (u.iterations < SCRAM_MIN_ITERATIONS)
      fail(
        u.name,
        'UNACCEPTABLE_CREDENTIAL',
        `Too few iterations (minimum ${SCRAM_MIN_ITERATIONS})`
      )
    else if (u.iterations > SCRAM_MAX_ITERATIONS)
      fail(
        u.name,
        'UNACCEPTABLE_CREDENTIAL',
        `Too many iterations (maximum ${SCRAM_MAX_ITERATIONS})`
      )
    if (u.salt.length === 0 || u.saltedPassword.length === 0)
      fail(u.name, 'UNACCEPTABLE_CREDENTIAL', 'Salt and salted password must not be empty')
  }
  for (const d of body.deletions) {
    const mechanism = mechanismOf(d.mechanism)
    if (mechanism && !failures.has(d.name)) engine.removeScramCredential(d.name, mechanism)
  }
  for (const u of body.upsertions) {
    const mechanism = mechanismOf(u.mechanism)
    if (mechanism && !failures.has(u.name))
      engine.putScramCredential(
        u.name,
        credentialFromSaltedPassword(
          mechanism,
          Buffer.from(u.salt),
          u.iterations,
          Buffer.from(u.saltedPassword)
        )
      )
  }
  return {
    results: users.map((user) => {
      const f = failures.get(user)
      return f
        ? { user, errorCode: ErrorCode[f.error], errorMessage: f.message }
        : { user, errorCode: ErrorCode.NONE, errorMessage: null }
    })
  }
}
