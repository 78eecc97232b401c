// Test support for the Kafka handlers: an in-memory engine and a client that sends encoded
// request frames through the handler table and decodes the response frames, as a socket would.
import { afterEach, expect } from 'vitest'
import { Engine, type EngineOptions } from '../../../src/engine/engine'
import type { Handler } from '../../../src/engine/kafka/dispatch'
import { handlers } from '../../../src/engine/kafka/handlers'
import { coordinatorFor } from '../../../src/engine/kafka/handlers/cluster-info'
import { handleAuthorized, type Rule } from '../../../src/engine/kafka/authorization/gate'
import { authorizationRules } from '../../../src/engine/kafka/authorization/rules'
import { nameTopicsById } from '../../../src/engine/kafka/topic-id-names'
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type Encodable,
  type RequestBodies,
  type ResponseBodies,
  ApiKey,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import {
  defaultKafkaSettings,
  type RequestContext
} from '../../../src/engine/kafka/request-context'

const engines: Engine[] = []
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close()
})

/** An in-memory engine of three brokers, closed after the test. */
export function openEngine(options: Partial<EngineOptions> = {}): Engine {
  const engine = Engine.open({
    dataDir: ':memory:',
    brokers: 3,
    groups: { initialRebalanceDelayMs: 0, minSessionTimeoutMs: 100 },
    ...options
  })
  engines.push(engine)
  return engine
}

export function contextFor(
  engine: Engine,
  brokerId: number,
  clientId = 'unit-client'
): RequestContext {
  const broker = engine.broker(brokerId)!
  if (!broker) throw new Error(`no broker ${brokerId}`)
  return {
    engine,
    broker,
    header: { requestApiKey: 0, requestApiVersion: 0, correlationId: 0, clientId },
    clientHost: '127.0.0.1',
    settings: defaultKafkaSettings,
    log: () => {},
    user: null
  }
}

let correlationId = 0

/**
 * Sends one request to a broker: the body is encoded at `version`, decoded as the broker would,
 * handled, and the response encoded and decoded at the same version. Fields the version does not
 * carry thus take their defaults on both sides.
 */
export async function send<K extends ServedApiKey>(
  engine: Engine,
  brokerId: number,
  apiKey: K,
  version: number,
  body: Encodable<RequestBodies[K]>,
  clientId = 'unit-client',
  /** Context a test sets: an authorizer (then the request passes its API's rule), a login. */
  extra: Partial<RequestContext> = {}
): Promise<ResponseBodies[K]> {
  const header = {
    requestApiKey: apiKey,
    requestApiVersion: version,
    correlationId: ++correlationId,
    clientId
  }
  const request = decodeRequest(encodeRequest(header, body).subarray(4))
  nameTopicsById(request, engine)
  const handler = handlers[apiKey] as Handler<K> | undefined
  if (!handler) throw new Error(`API key ${apiKey} has no handler`)
  const ctx = { ...contextFor(engine, brokerId, clientId), header: request.header, ...extra }
  const answer = await handleAuthorized(
    authorizationRules[apiKey] as Rule<K>,
    handler,
    request.body as RequestBodies[K],
    ctx,
    version
  )
  if (answer === null) throw new Error('no response')
  const frame = encodeResponse(
    { requestApiKey: apiKey, requestApiVersion: version, correlationId: header.correlationId },
    answer
  )
  const decoded = decodeResponse(apiKey, version, frame.subarray(4))
  if (decoded.correlationId !== header.correlationId) throw new Error('correlation id mismatch')
  return decoded.body
}

/** The id of the broker coordinating a group. */
export function coordinatorId(engine: Engine, groupId: string): number {
  const b = coordinatorFor(contextFor(engine, 0), groupId)
  if (!b) throw new Error('no broker online')
  return b.id
}

/** The id of the broker coordinating a transactional id. */
export function txnCoordinatorId(engine: Engine, transactionalId: string): number {
  const b = coordinatorFor(contextFor(engine, 0), transactionalId, 1)
  if (!b) throw new Error('no broker online')
  return b.id
}

/** A broker that does not coordinate the group. */
export function otherBroker(engine: Engine, groupId: string): number {
  const id = coordinatorId(engine, groupId)
  return engine.listBrokers().find((b) => b.id !== id)!.id
}

/** A group id whose coordinator is (or is not) the given broker. */
export function groupOn(engine: Engine, brokerId: number, prefix: string, not = false): string {
  for (let i = 0; i < 10_000; i++) {
    const id = `${prefix}-${i}`
    if ((coordinatorId(engine, id) === brokerId) !== not) return id
  }
  throw new Error('no such group id')
}

/** Consumer protocol subscription metadata (version 0) for a list of topics. */
export function subscription(topics: string[]): Buffer {
  const parts = [Buffer.from([0, 0]), int32(topics.length)]
  for (const t of topics) parts.push(int16(Buffer.byteLength(t)), Buffer.from(t))
  parts.push(int32(-1))
  return Buffer.concat(parts)
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeInt16BE(n)
  return b
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

/** Produces one batch of these values (acks=1) to a partition through broker 0, and checks it went in. */
export async function produceValues(
  engine: Engine,
  topic: string,
  partition: number,
  values: string[]
): Promise<void> {
  const res = await send(engine, 0, ApiKey.Produce, 9, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [
      {
        name: topic,
        partitionData: [
          { index: partition, records: encodeBatch(values.map((value) => ({ value }))) }
        ]
      }
    ]
  })
  expect(res.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.NONE)
}
