// The Kafka client library loaded a module at a time, its option validators compiled on first
// use: the library works as when loaded whole, its validation errors included.
import { describe, expect, it } from 'vitest'
import { loadKafkaLibrary } from '../../../src/engine/service/connections/kafka-library'

describe('the Kafka client library loaded a module at a time', () => {
  it('validates client options as when loaded whole', async () => {
    await loadKafkaLibrary()
    const { Admin, ajv } = await import('@platformatic/kafka')
    // The library's validators are compiled as they are first called, not as it loads: a
    // schema ajv refuses is refused then.
    const { compile } = ajv as unknown as {
      compile: (schema: unknown) => (data: unknown) => boolean
    }
    const refused = compile.call(ajv, { type: 'string', notAKeyword: 1 })
    expect(() => refused('x')).toThrow('unknown keyword: "notAKeyword"')
    const validate = compile.call(ajv, { type: 'string' }) as ((d: unknown) => boolean) & {
      errors?: unknown
    }
    expect(validate(1)).toBe(false)
    expect(validate.errors).toMatchObject([{ message: 'must be string' }])
    const strict = { clientId: 'c', bootstrapBrokers: ['127.0.0.1:1'], strict: true }
    // Invalid twice: a validator compiled on first use keeps answering with its own errors.
    for (let i = 0; i < 2; i++)
      expect(() => new Admin({ ...strict, retries: -1 })).toThrow(
        '/options/retries must be >= 0, /options/retries must be boolean'
      )
    const admin = new Admin({ ...strict, retries: 0 })
    await expect(admin.createTopics({ topics: ['t'], partitions: 'x' as never })).rejects.toThrow(
      '/options/partitions must be number.'
    )
    await admin.close()
  })
})
