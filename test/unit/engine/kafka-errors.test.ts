// A Kafka client's failures become the contract's errors by their codes: the errors are the
// client library's own (@platformatic/kafka), as a request against a real cluster raises them.
import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  MultipleErrors,
  NetworkError,
  ProtocolError,
  ResponseError,
  TimeoutError,
  UnsupportedApiError,
  UserError
} from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiError } from '../../../src/shared/errors'
import { isUnsupportedApi, kafkaApiError } from '../../../src/engine/service/external/kafka-errors'

const at = ['127.0.0.1:9092']
/** A response carrying Kafka error `code` at one path, as the library raises it. */
const response = (code: number, message: string | null = null) =>
  new ResponseError(19, 7, { '/topics/0': [code, message] }, {})

describe('Kafka client errors as contract errors', () => {
  it("maps Kafka's error codes in a response", () => {
    const cases: [number, string][] = [
      [ErrorCode.TOPIC_ALREADY_EXISTS, 'CONFLICT'],
      [ErrorCode.NON_EMPTY_GROUP, 'CONFLICT'],
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'NOT_FOUND'],
      [ErrorCode.GROUP_ID_NOT_FOUND, 'NOT_FOUND'],
      [ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'FORBIDDEN'],
      [ErrorCode.INVALID_PARTITIONS, 'BAD_REQUEST'],
      [ErrorCode.POLICY_VIOLATION, 'BAD_REQUEST'],
      [ErrorCode.NOT_LEADER_OR_FOLLOWER, 'NO_LEADER'],
      [ErrorCode.COORDINATOR_NOT_AVAILABLE, 'UNAVAILABLE']
    ]
    for (const [code, api] of cases) {
      const e = kafkaApiError(response(code), 'topics.create', at)
      expect(e.code, String(code)).toBe(api)
    }
    const e = kafkaApiError(response(ErrorCode.TOPIC_ALREADY_EXISTS), 'topics.create', at)
    expect(e.message).toMatch(/^topics\.create: TOPIC_ALREADY_EXISTS: /)
  })

  it('names the addresses when authentication fails, by Kafka code or by the client', () => {
    const sasl = kafkaApiError(response(ErrorCode.SASL_AUTHENTICATION_FAILED), 'x', at)
    expect(sasl.code).toBe('UNAUTHORIZED')
    expect(sasl.message).toContain('127.0.0.1:9092')
    const client = kafkaApiError(new AuthenticationError('SASL authentication failed.'), 'x', at)
    expect(client.code).toBe('UNAUTHORIZED')
    expect(client.message).toContain('127.0.0.1:9092')
  })

  it('calls a broker that cannot be reached unavailable, whatever the message says', () => {
    const refused = Object.assign(new Error('no words to match'), { code: 'ECONNREFUSED' })
    const cases = [
      new NetworkError('Connection to 127.0.0.1:9092 failed.', { cause: refused }),
      new TimeoutError('Request timed out'),
      new MultipleErrors('Cannot connect to any broker.', [new UserError('x', { cause: refused })]),
      refused
    ]
    for (const err of cases) {
      const e = kafkaApiError(err, 'topics.list', at)
      expect(e.code).toBe('UNAVAILABLE')
      expect(e.message).toMatch(/^Cannot reach the cluster at 127\.0\.0\.1:9092/)
    }
  })

  it('tells an API the cluster lacks from other failures', () => {
    const unsupported = new UnsupportedApiError('Unsupported API DescribeConfigs.')
    expect(isUnsupportedApi(new MultipleErrors('failed', [unsupported]))).toBe(true)
    expect(kafkaApiError(unsupported, 'topics.describe', at).code).toBe('BAD_REQUEST')
    expect(isUnsupportedApi(new ProtocolError('UNKNOWN_SERVER_ERROR'))).toBe(false)
  })

  it('keeps contract errors and calls anything else internal', () => {
    const own = new ApiError('NOT_FOUND', 'gone')
    expect(kafkaApiError(own, 'x', at)).toBe(own)
    // A message that mentions connections does not make a failure a network one.
    const e = kafkaApiError(new UserError('connect closed timed out'), 'x', at)
    expect(e.code).toBe('INTERNAL')
  })
})
