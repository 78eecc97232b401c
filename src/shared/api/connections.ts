// Contract area: the clusters the console works with. The embedded cluster is the connection
// `embedded`, always present; others are real Kafka clusters reached through a Kafka client.
// Secrets (SASL passwords, TLS private keys) go in and are never sent back: a listing only
// says whether one is set.
import { z } from 'zod'
import { int } from '../schema-parts'

export const EMBEDDED_CONNECTION = 'embedded'

/** A connection id: lower-case letters, digits and dashes. */
export const connectionId = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (1-63)')

/** host:port, the way Kafka's bootstrap.servers lists brokers. */
const hostPort = z
  .string({ error: 'must be a string' })
  .trim()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, 'must be host:port')
  .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535')

const saslMechanism = z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
const securityProtocol = z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'])
const pem = z.string().max(100_000)

const security = z
  .object({
    protocol: securityProtocol,
    sasl: z
      .object({
        mechanism: saslMechanism,
        username: z.string().min(1, 'must not be empty').max(1000),
        /** Omitted on update: the saved password stays. */
        password: z.string().max(10_000).optional()
      })
      .strict()
      .optional(),
    tls: z
      .object({
        ca: pem.optional(),
        cert: pem.optional(),
        /** A private key; kept with the secrets, never returned. */
        key: pem.optional(),
        rejectUnauthorized: z.boolean().optional()
      })
      .strict()
      .optional()
  })
  .strict()

/** An external schema registry (Confluent's REST API) the connection's records use. */
const schemaRegistry = z
  .object({
    url: z
      .string({ error: 'must be a URL' })
      .trim()
      .max(2000)
      .refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), {
        error: 'must be an http:// or https:// URL'
      }),
    /** HTTP basic auth; the password is kept with the secrets and never returned. */
    username: z.string().min(1, 'must not be empty').max(1000).optional(),
    /** Omitted on update: the saved password stays. */
    password: z.string().max(10_000).optional()
  })
  .strict()

/** A colour tag shown with the connection's name, so production is not mistaken for local. */
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #d03050')

export const connectionDefinition = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    bootstrapServers: z.array(hostPort).min(1, 'name at least one broker').max(100),
    security: security.optional(),
    color: color.optional(),
    /** The schema registry its records are encoded with; null (on update) removes it. */
    schemaRegistry: schemaRegistry.nullable().optional(),
    /** How often the history collector polls offsets (ms); 0 turns it off. Default 10 s. */
    historyIntervalMs: z.union([z.literal(0), int(1000, 3_600_000)]).optional()
  })
  .strict()

export const connectionsParams = {
  'connections.list': z.object({}).strict(),
  'connections.add': connectionDefinition.extend({ id: connectionId.optional() }).strict(),
  /** Changes a saved connection; fields left out keep their value (and so do secrets). */
  'connections.update': connectionDefinition.partial().extend({ id: connectionId }).strict(),
  'connections.remove': z.object({ id: connectionId }).strict(),
  /** Tries a saved connection, or a definition before it is saved. */
  'connections.test': z.union([
    z.object({ id: connectionId }).strict(),
    z.object({ definition: connectionDefinition }).strict()
  ])
} as const

export type ConnectionDefinition = z.output<typeof connectionDefinition>
export type SecurityProtocol = z.output<typeof securityProtocol>
export type SaslMechanism = z.output<typeof saslMechanism>

/** A connection as listed: what it is and how to reach it, with secrets reduced to flags. */
export interface ConnectionInfo {
  id: string
  name: string
  kind: 'embedded' | 'kafka'
  bootstrapServers: string[]
  security: {
    protocol: SecurityProtocol
    sasl?: { mechanism: SaslMechanism; username: string; passwordSet: boolean }
    tls?: { caSet: boolean; certSet: boolean; keySet: boolean; rejectUnauthorized: boolean }
  }
  color: string
  /** The connection's schema registry, its password reduced to a flag. */
  schemaRegistry?: { url: string; username?: string; passwordSet: boolean }
  /** Polling interval of the history collector in ms; 0 when it is off. */
  historyIntervalMs: number
  /** Where the definition comes from: built in, saved in the app, or a --connections file. */
  source: 'builtin' | 'saved' | 'file'
}

export interface ConnectionTestResult {
  reachable: true
  clusterId: string
  controllerId: number
  brokers: { id: number; host: string; port: number; rack: string | null }[]
  /** The broker's ApiVersions answer in short: how many APIs, and the newest versions of a few. */
  apiVersions: { apis: number; maxVersions: Record<string, number> }
  latencyMs: number
  /** The connection's schema registry, when it names one: what it serves, or why not. */
  schemaRegistry?: SchemaRegistryTestResult
}

/** A schema registry tried as the console uses it: reachable, the credentials taken, Confluent's API. */
export type SchemaRegistryTestResult = { url: string; latencyMs: number } & (
  { reachable: true; subjects: number; types: string[] } | { reachable: false; error: string }
)

export interface ConnectionsResults {
  'connections.list': { connections: ConnectionInfo[] }
  'connections.add': { id: string }
  'connections.update': ConnectionInfo
  'connections.remove': { id: string; removed: true }
  'connections.test': ConnectionTestResult
}
