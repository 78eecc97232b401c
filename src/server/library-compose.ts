// startCluster({ compose: { file, service?, profiles? } }): a docker-compose file's Kafka served
// in the caller's process as `logdeck serve --compose` serves it (compose-file.ts), with the
// options that win over it; a mistake in the file is a BAD_REQUEST naming it.
import type { EmbeddedClusterOptions } from '../engine/embedded-cluster'
import { usesSasl } from '../engine/kafka/security/listener-security'
import { ApiError } from '../shared/errors'
import { composeFileOptions, type ServeOptions } from './cli-args'
import { UsageError } from './cli-errors'
import type { StartClusterOptions } from './library-types'

/** `compose`, checked: an ApiError naming what is wrong with it. */
function checkCompose(compose: unknown): {
  file: string[]
  service?: string
  profiles: string[]
} {
  const c = compose as { file?: unknown; service?: unknown; profiles?: unknown } | null
  const files: unknown[] = Array.isArray(c?.file) ? c.file : [c?.file]
  if (
    c === null ||
    typeof c !== 'object' ||
    files.length === 0 ||
    files.some((f) => typeof f !== 'string' || f === '')
  )
    throw new ApiError(
      'BAD_REQUEST',
      'compose must be { file, service?, profiles? } with file a path or a list of them',
      'compose'
    )
  if (c.service !== undefined && (typeof c.service !== 'string' || c.service === ''))
    throw new ApiError('BAD_REQUEST', 'compose.service must be a service name', 'compose')
  const profiles = c.profiles ?? []
  if (!Array.isArray(profiles) || profiles.some((p) => typeof p !== 'string' || p === ''))
    throw new ApiError('BAD_REQUEST', 'compose.profiles must be a list of names', 'compose')
  return {
    file: files as string[],
    ...(c.service !== undefined ? { service: c.service as string } : {}),
    profiles: profiles as string[]
  }
}

/** The embedded cluster a compose file describes, with the options that win over it. */
export function composeCluster(
  options: StartClusterOptions,
  host: string,
  checked: {
    /** `brokers`, checked, when given (or `brokerIds`' number). */
    brokers: number | undefined
    /** `brokerIds`, checked, when given: they win over the file's node ids. */
    brokerIds: number[] | undefined
    brokerConfigs: (configs: Record<string, string> | undefined) => Record<string, string>
    racks: (racks: unknown, brokers: number) => (string | null)[] | undefined
    authorizer: EmbeddedClusterOptions['authorizer']
    /** `jaasConfig`, checked, when given. */
    jaasConfig: string | undefined
    /** A UsageError's message as a BAD_REQUEST naming the option it is about. */
    optionError: (message: string, field: string) => ApiError
    logJaasFile: (jaasFile: { shown: string; summary: string[] } | undefined) => void
  }
): EmbeddedClusterOptions & { brokers: number } {
  const beside = (
    ['listeners', 'advertisedListeners', 'tls', 'sslConfigs', 'port', 'serverProperties'] as const
  ).find((k) => options[k] !== undefined)
  if (beside)
    throw new ApiError(
      'BAD_REQUEST',
      `${beside} and compose cannot be used together: the listeners and their security come from the file`,
      beside
    )
  const { file, service, profiles } = checkCompose(options.compose)
  let o: ServeOptions
  try {
    o = composeFileOptions(file, service, profiles, checked.brokers, checked.jaasConfig)
  } catch (err) {
    if (err instanceof UsageError)
      throw checked.optionError(
        err.message
          .replace(/^--compose /, 'compose.file ')
          .replace(/^--brokers /, 'brokers ')
          .replace(/--compose-service/g, 'compose.service')
          .replace(/--compose-profile NAME/g, 'compose.profiles'),
        'compose'
      )
    throw err
  }
  const brokerConfigs = checked.brokerConfigs({ ...o.brokerConfigs, ...options.brokerConfigs })
  const brokerRacks = checked.racks(options.brokerRacks, o.brokers) ?? o.brokerRacks
  const sasl = [o.security.protocol, ...o.listeners.map((l) => l.securityProtocol)].some(usesSasl)
  if (options.users?.length && !sasl)
    throw new ApiError('BAD_REQUEST', 'users need a SASL_PLAINTEXT or SASL_SSL listener', 'users')
  if (o.serverProperties) {
    options.log?.(o.serverProperties.heading ?? `Compose file ${file[0]}:`)
    for (const line of o.serverProperties.summary) options.log?.(`  ${line}`)
  }
  checked.logJaasFile(o.security.jaasFile)
  return {
    dataDir: options.dataDir ?? ':memory:',
    brokers: o.brokers,
    brokerIds: checked.brokerIds ?? o.brokerIds,
    port: o.port,
    ...(o.brokerPorts ? { brokerPorts: o.brokerPorts } : {}),
    bindHost: host,
    advertisedHost: o.advertisedHost,
    log: options.log,
    listeners: o.listeners,
    advertisedListeners: o.advertisedListeners,
    ...(o.security.listeners ? { listenerSecurity: o.security.listeners } : {}),
    security: {
      ...o.security,
      ...(sasl ? { users: [...(o.security.users ?? []), ...(options.users ?? [])] } : {})
    },
    limits: o.limits,
    brokerConfigs,
    ...(brokerRacks ? { brokerRacks } : {}),
    replication: { followerDelayMs: 0, replicaLagTimeMaxMs: o.replicaLagTimeMaxMs },
    authorizer: checked.authorizer ?? o.authorizer ?? undefined
  }
}
