// The Kafka clients (@platformatic/kafka) of one external connection: an admin client, a
// producer and a consumer that never joins a group (it only fetches), created on first use.
// Every call is bounded in time and its failures become contract errors.
import { Admin, Consumer, Producer, type BaseOptions } from '@platformatic/kafka'
import { ApiError } from '../../../shared/errors'
import type { ConnectionSecrets } from '../connections/secrets'
import type { StoredSecurity } from '../connections/store'
import { kafkaApiError } from './kafka-errors'

/** What it takes to reach a cluster. */
export interface KafkaTarget {
  id: string
  bootstrapServers: string[]
  security: StoredSecurity
  secrets: ConnectionSecrets
}

/** No call waits longer than this for a cluster. */
export const CALL_TIMEOUT_MS = 9_000

export function clientOptions(t: KafkaTarget, clientId: string): BaseOptions {
  const { protocol, sasl, tls } = t.security
  const options: BaseOptions = {
    clientId,
    bootstrapBrokers: t.bootstrapServers,
    connectTimeout: 5_000,
    requestTimeout: 8_000,
    retries: 1,
    retryDelay: 200
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL')
    options.tls = {
      ca: tls?.ca,
      cert: tls?.cert,
      key: t.secrets.key,
      rejectUnauthorized: tls?.rejectUnauthorized ?? true
    }
  if ((protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') && sasl)
    options.sasl = {
      mechanism: sasl.mechanism,
      username: sasl.username,
      password: t.secrets.password ?? ''
    }
  return options
}

/** Runs `fn`, failing after CALL_TIMEOUT_MS with an error naming the cluster's addresses. */
export async function bounded<T>(
  what: string,
  addresses: string[],
  fn: () => Promise<T>,
  timeoutMs = CALL_TIMEOUT_MS
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError(
            'UNAVAILABLE',
            `Cannot reach the cluster at ${addresses.join(', ')}: no answer within ${Math.ceil(timeoutMs / 1000)} s (${what})`
          )
        ),
      timeoutMs
    )
  })
  try {
    return await Promise.race([fn(), timeout])
  } catch (err) {
    throw kafkaApiError(err, what, addresses)
  } finally {
    clearTimeout(timer)
  }
}

export class KafkaClients {
  private adminClient: Admin | null = null
  private producerClient: Producer<Buffer, Buffer, Buffer, Buffer> | null = null
  private consumerClient: Consumer<Buffer, Buffer, Buffer, Buffer> | null = null

  constructor(readonly target: KafkaTarget) {}

  get addresses(): string[] {
    return this.target.bootstrapServers
  }

  /** Runs one request against the cluster, bounded in time, errors translated. */
  run<T>(what: string, fn: () => Promise<T>, timeoutMs?: number): Promise<T> {
    return bounded(what, this.addresses, fn, timeoutMs)
  }

  admin(): Admin {
    this.adminClient ??= new Admin(clientOptions(this.target, 'logdeck-admin'))
    return this.adminClient
  }

  producer(): Producer<Buffer, Buffer, Buffer, Buffer> {
    this.producerClient ??= new Producer({
      ...clientOptions(this.target, 'logdeck-producer'),
      acks: -1,
      autocreateTopics: false
    })
    return this.producerClient
  }

  /** A consumer used only for Fetch and ListOffsets: it never joins its group. */
  consumer(): Consumer<Buffer, Buffer, Buffer, Buffer> {
    this.consumerClient ??= new Consumer({
      ...clientOptions(this.target, 'logdeck-browser'),
      groupId: `logdeck-browser-${process.pid}`,
      autocommit: false,
      maxWaitTime: 10,
      minBytes: 1,
      maxBytes: 8 * 1024 * 1024
    })
    return this.consumerClient
  }

  async close(): Promise<void> {
    const clients = [this.adminClient, this.producerClient, this.consumerClient]
    this.adminClient = this.producerClient = this.consumerClient = null
    await Promise.allSettled(clients.map((c) => c?.close()))
  }
}
