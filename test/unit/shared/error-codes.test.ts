// Kafka's error-code table: one code per name, names read back from codes, and whether a client
// retries each one agrees with a real client's own table (kafkajs).
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { ErrorCode, errorCodeInfo } from '../../../src/shared/kafka/error-codes'

const require = createRequire(import.meta.url)
const { errorCodes: kafkajsErrors } = require('kafkajs/src/protocol/error.js') as {
  errorCodes: { type: string; code: number; retriable: boolean }[]
}

describe('Kafka error codes', () => {
  const entries = Object.entries(ErrorCode)

  it('gives every name its own code and reads each name back from its code', () => {
    expect(new Set(entries.map(([, code]) => code)).size).toBe(entries.length)
    for (const [name, code] of entries) expect(errorCodeInfo(code).name).toBe(name)
    expect(errorCodeInfo(9999)).toEqual({ name: 'UNKNOWN', retriable: false })
  })

  it('marks as retriable exactly the codes kafkajs retries', () => {
    const byCode = new Map(kafkajsErrors.map((e) => [e.code, e]))
    let compared = 0
    for (const [name, code] of entries) {
      const theirs = byCode.get(code)
      if (!theirs || code <= 0) continue
      compared++
      expect(errorCodeInfo(code).retriable, name).toBe(theirs.retriable)
    }
    expect(compared).toBeGreaterThan(40)
  })

  it('names what clients meet most by their Java names', () => {
    expect(errorCodeInfo(ErrorCode.NOT_COORDINATOR)).toEqual({
      name: 'NOT_COORDINATOR',
      retriable: true
    })
    expect(errorCodeInfo(ErrorCode.TOPIC_ALREADY_EXISTS)).toEqual({
      name: 'TOPIC_ALREADY_EXISTS',
      retriable: false
    })
  })
})
