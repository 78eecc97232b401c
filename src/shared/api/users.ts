// Contract area: the SASL users of the embedded cluster's listeners, with their SCRAM
// credentials (what Kafka's DescribeUserScramCredentials / AlterUserScramCredentials manage),
// and the delegation tokens they hold (what Create-, Renew-, Expire- and DescribeDelegationToken
// manage).
import { z } from 'zod'

export const SCRAM_MECHANISM_NAMES = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const
export type ScramMechanismName = (typeof SCRAM_MECHANISM_NAMES)[number]

const userName = z
  .string({ error: 'must be a user name' })
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'must be at most 256 characters' })
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  .refine((s) => !/[\x00-\x1f\x7f]/.test(s), { error: 'must not contain control characters' })

const mechanism = z.enum(SCRAM_MECHANISM_NAMES, {
  error: 'must be SCRAM-SHA-256 or SCRAM-SHA-512'
})

const tokenId = z
  .string({ error: 'must be a token id' })
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'must be at most 256 characters' })

/** A principal as Kafka writes it: `User:NAME`. */
const principal = z
  .string({ error: 'must be a principal' })
  .max(300, { error: 'must be at most 300 characters' })
  .regex(/^[^:\s]+:.+$/, {
    error: (issue) => `must be TYPE:NAME, e.g. User:alice (not '${String(issue.input)}')`
  })

export const usersParams = {
  /** Every SASL user with the mechanisms and iterations of its SCRAM credentials. */
  'users.list': z.object({}).strict(),
  /** Adds a user or changes its password: salted SCRAM credentials for the mechanisms given. */
  'users.set': z
    .object({
      name: userName,
      password: z
        .string({ error: 'must be a password' })
        .min(1, { error: 'must not be empty' })
        .max(1024, { error: 'must be at most 1024 characters' }),
      mechanisms: z.array(mechanism).min(1, { error: 'must name a mechanism' }).optional(),
      iterations: z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(4096, { error: 'must be at least 4096' })
        .max(16384, { error: 'must be at most 16384' })
        .optional()
    })
    .strict(),
  /** Removes one credential of a user, or the user (every credential). */
  'users.delete': z.object({ name: userName, mechanism: mechanism.optional() }).strict(),
  /**
   * The delegation tokens the connection may see, whether tokens are enabled, and the configs
   * that bound them. With `owners`, only the tokens one of them owns, requested or may renew
   * (DescribeDelegationToken's owners, matched as Kafka matches them).
   */
  'tokens.list': z
    .object({
      owners: z
        .array(principal, { error: 'must be a list of principals, e.g. ["User:alice"]' })
        .min(1, { error: 'must name a principal (leave owners out for every token)' })
        .max(100, { error: 'must be at most 100' })
        .optional()
    })
    .strict(),
  /**
   * Expires a delegation token by its id (ExpireDelegationToken). A negative period (the default)
   * removes it at once; otherwise it expires that many ms from now, never past its max time.
   */
  'tokens.expire': z
    .object({
      tokenId,
      expiryTimePeriodMs: z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number of milliseconds' })
        .optional()
    })
    .strict(),
  /**
   * Creates a delegation token (CreateDelegationToken); its HMAC is in this answer only. The
   * owner is the connection's principal unless named (Kafka then asks for CREATE_TOKENS on that
   * user); the embedded cluster's console logs in as no one, so there it must be named.
   */
  'tokens.create': z
    .object({
      owner: principal.optional(),
      renewers: z.array(principal).max(100, { error: 'must be at most 100' }).optional(),
      /** Bounded by delegation.token.max.lifetime.ms; the brokers' value when left out. */
      maxLifetimeMs: z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be positive' })
        .optional()
    })
    .strict(),
  /** Renews a delegation token (RenewDelegationToken), by its id. */
  'tokens.renew': z
    .object({
      tokenId,
      /** Bounded by delegation.token.expiry.time.ms; the brokers' value when left out. */
      renewPeriodMs: z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be positive' })
        .optional()
    })
    .strict()
} as const

export interface SaslUser {
  name: string
  credentials: { mechanism: ScramMechanismName; iterations: number }[]
}

/**
 * Where a SASL listener's PLAIN logins are checked, as Kafka's PlainServerCallbackHandler reads
 * them: the user_NAME options of its own JAAS config (`key`, Kafka's spelling), of the section of a
 * JAAS file it takes, or, with neither, the cluster's SASL users. `users` names a JAAS config's
 * users, never their passwords; none means every PLAIN login is refused there.
 */
export type PlainLoginsSource =
  { from: 'jaas-config'; key: string } | { from: 'jaas-file'; file: string; section: string }

export type PlainLogins = { from: 'cluster' } | (PlainLoginsSource & { users: string[] })

export interface ListenerProtocol {
  name: string
  securityProtocol: string
  /** A SASL listener's mechanisms, in the order SaslHandshake lists them (its own, if it has them). */
  saslMechanisms?: string[]
  /** A TLS listener's ssl.client.auth: whether it requires, asks for or ignores client certificates. */
  clientAuth?: 'required' | 'requested' | 'none'
  /**
   * A TLS listener's protocol versions, oldest first (ssl.enabled.protocols, less those none of
   * its ssl.cipher.suites is for).
   */
  tlsProtocols?: string[]
  /** A TLS listener's ssl.cipher.suites (Kafka's names), when it sets them. */
  cipherSuites?: string[]
  /** Where a SASL listener offering PLAIN checks PLAIN logins. */
  plainLogins?: PlainLogins
}

export interface UsersList {
  /** What the Kafka listeners ask of clients: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  securityProtocol: string
  /** Whether the listeners require a SASL login (the users matter only then). */
  saslEnabled: boolean
  /**
   * The SASL mechanisms the listeners offer, in the order SaslHandshake lists them (every one
   * some listener offers; `listeners` says which offers which).
   */
  saslMechanisms: string[]
  /**
   * Whose listeners the fields above describe: every listener of the cluster (the embedded one),
   * or only the one the console's connection uses (a Kafka cluster's other listeners may ask
   * for something else, and the console cannot see them).
   */
  scope?: 'cluster' | 'connection'
  /**
   * The embedded cluster's listeners (`--port`/`--security` first, then each `--listener`), each
   * with the security protocol it asks of clients; absent for a Kafka cluster, whose listeners the
   * console cannot see.
   */
  listeners?: ListenerProtocol[]
  users: SaslUser[]
}

/** A delegation token as the console shows it: never its HMAC. */
export interface DelegationTokenInfo {
  tokenId: string
  /** `User:NAME` */
  owner: string
  requester: string
  renewers: string[]
  /** Epoch milliseconds. */
  issueTimestamp: number
  expiryTimestamp: number
  maxTimestamp: number
  /** Past its expiry or max time, not yet removed by the expiry check. */
  expired: boolean
}

export interface TokensList {
  /** Whether delegation.token.secret.key is set. */
  enabled: boolean
  /** delegation.token.max.lifetime.ms; null when the cluster does not let the console read it. */
  maxLifetimeMs: number | null
  /** delegation.token.expiry.time.ms; null when the cluster does not let the console read it. */
  expiryTimeMs: number | null
  tokens: DelegationTokenInfo[]
}

export interface UsersResults {
  'users.list': UsersList
  'users.set': SaslUser
  'users.delete': { name: string; deleted: ScramMechanismName[] }
  'tokens.list': TokensList
  /** The token's expiry now: the time of the call when it was removed at once. */
  'tokens.expire': { tokenId: string; expiryTimestamp: number; removed: boolean }
  'tokens.create': CreatedDelegationToken
  'tokens.renew': { tokenId: string; expiryTimestamp: number }
}

/**
 * A token just created, with its HMAC in base64 (the password of a SCRAM login with
 * tokenauth=true, as kafka-delegation-tokens.sh --create prints it): shown this once.
 */
export interface CreatedDelegationToken extends DelegationTokenInfo {
  hmac: string
}
