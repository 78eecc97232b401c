// External backend, users area: a real cluster's SCRAM users through DescribeUserScramCredentials
// and AlterUserScramCredentials, as Kafka's admin client manages them: the console salts the
// password itself (RFC 5802, a random salt per credential) and sends only the salted password.
// What the listeners offer is what the connection's own listener says: its security protocol,
// and the mechanisms its SaslHandshake lists.
import {
  alterUserScramCredentialsV0,
  Connection,
  describeUserScramCredentialsV0,
  saslHandshakeV1,
  type Admin
} from '@platformatic/kafka'
import { randomBytes } from 'node:crypto'
import type {
  SaslUser,
  ScramMechanismName,
  UsersList,
  usersParams
} from '../../../shared/api/users'
import { ApiError } from '../../../shared/errors'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import {
  SCRAM_MECHANISM_CODES,
  SCRAM_MECHANISMS,
  SCRAM_MIN_ITERATIONS,
  saltedPassword
} from '../../security/scram'
import type { Area } from '../backend'
import { clientOptions } from './clients'
import type { ExternalContext } from './context'
import { protocolErrors } from './kafka-errors'

/** As Kafka's ScramFormatter: a fresh 32-byte salt for every credential. */
const SALT_BYTES = 32

function mechanismOf(code: number): ScramMechanismName | undefined {
  return SCRAM_MECHANISMS.find((m) => SCRAM_MECHANISM_CODES[m] === code)
}

interface DescribedUser {
  user: string
  errorCode: number
  credentialInfos: { mechanism: number; iterations: number }[]
}

const sasl = (u: DescribedUser): SaslUser => ({
  name: u.user,
  credentials: u.credentialInfos.flatMap((c) => {
    const mechanism = mechanismOf(c.mechanism)
    return mechanism ? [{ mechanism, iterations: c.iterations }] : []
  })
})

/**
 * The answer of a request whose per-user errors the client throws for: those are the caller's
 * to read; an error of the whole request (not authorized, say) stays thrown.
 */
async function perUser<T extends { errorCode?: number }>(p: Promise<T>): Promise<T> {
  return p.catch((err: { response?: T }) => {
    const answer = err && typeof err === 'object' ? err.response : undefined
    if (answer && (answer.errorCode ?? ErrorCode.NONE) === ErrorCode.NONE) return answer
    throw err
  })
}

/**
 * A connection to the broker that takes SCRAM changes: the controller as the metadata names it
 * (a KRaft broker forwards to the active controller), as Kafka's admin client sends them.
 */
export async function controllerConnection(admin: Admin): Promise<Connection> {
  const md = await admin.metadata({ topics: [] })
  const broker = md.brokers.get(md.controllerId) ?? [...md.brokers.values()][0]
  if (!broker) throw new ApiError('UNAVAILABLE', 'The cluster named no broker')
  return admin.connections.get(broker)
}

async function describeUsers(admin: Admin, names: string[] | null): Promise<DescribedUser[]> {
  const connection = await controllerConnection(admin)
  const answer = await perUser(
    describeUserScramCredentialsV0.api.async(connection, names && names.map((name) => ({ name })))
  )
  return answer.results
}

/** The user as the cluster describes it now, or with no credentials when it knows none. */
async function describeUser(admin: Admin, name: string): Promise<SaslUser> {
  const [found] = await describeUsers(admin, [name])
  if (!found || found.errorCode === ErrorCode.RESOURCE_NOT_FOUND) return { name, credentials: [] }
  if (found.errorCode !== ErrorCode.NONE)
    throw new ApiError(
      'UNAVAILABLE',
      `users.describe: Kafka error code ${found.errorCode} for '${name}'`
    )
  return sasl(found)
}

/**
 * The mechanisms a SASL listener offers, from a SaslHandshake on a connection of its own that
 * goes no further (the broker lists its enabled mechanisms in the answer). Null when it cannot
 * be asked.
 */
async function offeredMechanisms(ctx: ExternalContext): Promise<string[] | null> {
  const { target } = ctx.clients
  const [host, port] = splitAddress(target.bootstrapServers[0] ?? '')
  if (!host || !port) return null
  const { tls, connectTimeout } = clientOptions(target, 'logdeck-sasl-handshake')
  const connection = new Connection('logdeck-sasl-handshake', {
    tls,
    connectTimeout,
    requestTimeout: 5_000
  })
  try {
    await connection.connect(host, port)
    const mechanism = target.security.sasl?.mechanism ?? 'PLAIN'
    // The handshake's answer lists the mechanisms even when it refuses the one asked for.
    const answer = await saslHandshakeV1.api
      .async(connection, mechanism)
      .catch((err: { response?: { mechanisms: string[] } }) => {
        if (err?.response) return err.response
        throw err
      })
    return answer.mechanisms.length > 0 ? answer.mechanisms : null
  } catch {
    return null
  } finally {
    await connection.close().catch(() => undefined)
  }
}

function splitAddress(address: string): [string, number] | [] {
  const colon = address.lastIndexOf(':')
  if (colon <= 0) return []
  const port = Number(address.slice(colon + 1))
  return Number.isInteger(port) && port > 0
    ? [address.slice(0, colon).replace(/^\[|\]$/g, ''), port]
    : []
}

/**
 * `fn`, with Kafka's refusal of the connection's principal said with the permission Kafka asks
 * for (DESCRIBE on the cluster to list, ALTER to change).
 */
async function authorized<T>(
  ctx: ExternalContext,
  operation: 'DESCRIBE' | 'ALTER',
  fn: () => Promise<T>
): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (!protocolErrors(err).some((e) => e.code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED))
      throw err
    const sasl = ctx.clients.target.security.sasl
    const who = sasl ? `User:${sasl.username}` : "the connection's principal"
    throw new ApiError(
      'FORBIDDEN',
      `${who} may not ${operation === 'DESCRIBE' ? 'list' : 'change'} the SCRAM users of '${ctx.name}': Kafka asks for ${operation} on the cluster (CLUSTER_AUTHORIZATION_FAILED)`
    )
  }
}

export function externalUsers(
  ctx: ExternalContext
): Pick<Area<typeof usersParams>, 'users.list' | 'users.set' | 'users.delete'> {
  const { clients } = ctx
  const security = clients.target.security
  const saslEnabled = security.protocol === 'SASL_PLAINTEXT' || security.protocol === 'SASL_SSL'
  let mechanisms: string[] | null = null

  return {
    'users.list': async (): Promise<UsersList> =>
      clients.run('users.list', async () => {
        const described = await authorized(ctx, 'DESCRIBE', () =>
          describeUsers(clients.admin(), null)
        )
        if (saslEnabled) mechanisms ??= await offeredMechanisms(ctx)
        return {
          securityProtocol: security.protocol,
          saslEnabled,
          // Without an answer from the listener, only the connection's own mechanism is known.
          saslMechanisms: saslEnabled
            ? (mechanisms ?? (security.sasl ? [security.sasl.mechanism] : []))
            : [],
          scope: 'connection',
          users: described
            .filter((u) => u.errorCode === ErrorCode.NONE)
            .map(sasl)
            .sort((a, b) => a.name.localeCompare(b.name))
        }
      }),
    'users.set': async ({ name, password, mechanisms: asked, iterations }) =>
      clients.run('users.set', async () => {
        const admin = clients.admin()
        const rounds = iterations ?? SCRAM_MIN_ITERATIONS
        const upsertions = (asked ?? SCRAM_MECHANISMS).map((mechanism) => {
          const salt = randomBytes(SALT_BYTES)
          return {
            name,
            mechanism: SCRAM_MECHANISM_CODES[mechanism],
            iterations: rounds,
            salt,
            saltedPassword: saltedPassword(mechanism, password, salt, rounds)
          }
        })
        await authorized(ctx, 'ALTER', async () =>
          alterUserScramCredentialsV0.api.async(await controllerConnection(admin), [], upsertions)
        )
        // A broker applies the controller's change a moment later: what was just set is known.
        // A principal that may change users but not list them still learns what it set.
        const now = await describeUser(admin, name).catch((err: unknown) => {
          if (protocolErrors(err).some((e) => e.code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED))
            return { name, credentials: [] }
          throw err
        })
        const set = new Set(upsertions.map((u) => mechanismOf(u.mechanism)))
        return {
          name,
          credentials: [
            ...now.credentials.filter((c) => !set.has(c.mechanism)),
            ...[...set].flatMap((mechanism) =>
              mechanism ? [{ mechanism, iterations: rounds }] : []
            )
          ].sort((a, b) => a.mechanism.localeCompare(b.mechanism))
        }
      }),
    'users.delete': async ({ name, mechanism }) =>
      clients.run('users.delete', async () => {
        const admin = clients.admin()
        const before = (
          await authorized(ctx, 'DESCRIBE', () => describeUser(admin, name))
        ).credentials.map((c) => c.mechanism)
        if (before.length === 0) throw new ApiError('NOT_FOUND', `No SASL user '${name}'`, 'name')
        if (mechanism && !before.includes(mechanism))
          throw new ApiError(
            'NOT_FOUND',
            `User '${name}' has no ${mechanism} credential`,
            'mechanism'
          )
        const deleted = mechanism ? [mechanism] : before
        await authorized(ctx, 'ALTER', async () =>
          alterUserScramCredentialsV0.api.async(
            await controllerConnection(admin),
            deleted.map((m) => ({ name, mechanism: SCRAM_MECHANISM_CODES[m] })),
            []
          )
        )
        return { name, deleted }
      })
  }
}
