// Contract validation: params are checked at the boundary and errors name the field.
import { describe, expect, it } from 'vitest'
import { validateParams, isMethodName } from '../../../src/engine/service/validate-params'
import { ApiError } from '../../../src/shared/errors'
import { methodNames } from '../../../src/shared/methods'
import { paramSchemas } from '../../../src/shared/schemas'

function failure(method: Parameters<typeof validateParams>[0], params: unknown): ApiError {
  try {
    validateParams(method, params)
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected a validation error')
}

describe('validateParams', () => {
  it('accepts a well-formed topics.create', () => {
    const p = validateParams('topics.create', {
      name: 'orders',
      partitions: 3,
      replicationFactor: 1,
      configs: { 'retention.ms': '1000' }
    })
    expect(p).toEqual({
      name: 'orders',
      partitions: 3,
      replicationFactor: 1,
      configs: { 'retention.ms': '1000' }
    })
  })

  it.each([
    [{ name: 'a b', partitions: 1, replicationFactor: 1 }, 'name', 'letters, digits'],
    [{ name: '', partitions: 1, replicationFactor: 1 }, 'name', 'empty'],
    [{ name: '..', partitions: 1, replicationFactor: 1 }, 'name', "'.' or '..'"],
    [{ name: 'x'.repeat(250), partitions: 1, replicationFactor: 1 }, 'name', '249'],
    [{ name: 'ok', partitions: 0, replicationFactor: 1 }, 'partitions', 'at least 1'],
    [{ name: 'ok', partitions: 1.5, replicationFactor: 1 }, 'partitions', 'whole number'],
    [{ name: 'ok', partitions: '3', replicationFactor: 1 }, 'partitions', 'number'],
    [{ name: 'ok', partitions: 1 }, 'replicationFactor', ''],
    [{ name: 'ok', partitions: 1, replicationFactor: 1, configs: { a: 1 } }, 'configs.a', 'string'],
    [{ name: 'ok', partitions: 1, replicationFactor: 1, extra: true }, 'extra', 'unknown field']
  ])('rejects %j naming %s', (params, field, text) => {
    const err = failure('topics.create', params)
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.status).toBe(400)
    expect(err.field).toBe(field)
    expect(err.message).toContain(text)
  })

  it('treats missing params as an empty object', () => {
    expect(validateParams('cluster.describe', undefined)).toEqual({})
  })

  it('knows exactly the contract methods', () => {
    expect(isMethodName('topics.list')).toBe(true)
    expect(isMethodName('toString')).toBe(false)
    expect(isMethodName('topics.drop')).toBe(false)
    expect(Object.keys(paramSchemas).sort()).toEqual([...methodNames].sort())
  })
})
