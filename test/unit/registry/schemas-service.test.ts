// The console's schema views through the contract: subjects with their topics, versions, a
// side-by-side diff, a compatibility check that says what breaks, levels and deletes.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})

function open(): Service {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  const registry = SchemaRegistry.open(':memory:')
  closers.push(
    () => engine.close(),
    () => registry.close()
  )
  return createService(embeddedBackend(engine, { registry }))
}

const payment = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'Payment', namespace: 'shop', fields })
const v1 = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' }
])
const v2 = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' },
  { name: 'currency', type: 'string', default: 'EUR' }
])
const broken = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'string' },
  { name: 'currency', type: 'string', default: 'EUR' }
])

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected a failure')
}

describe('schemas area', () => {
  it('lists subjects with their type, latest version, level and topic by the topic-name strategy', async () => {
    const svc = open()
    await svc.call('topics.create', { name: 'payments', partitions: 1, replicationFactor: 1 })
    await svc.call('schemas.register', { subject: 'payments-value', schema: v1 })
    const second = await svc.call('schemas.register', { subject: 'payments-value', schema: v2 })
    expect(second).toMatchObject({ subject: 'payments-value', version: 2, type: 'AVRO' })
    await svc.call('schemas.register', {
      subject: 'orphan-key',
      schemaType: 'JSON',
      schema: '{"type":"string"}'
    })
    await svc.call('schemas.setCompatibility', { subject: 'orphan-key', level: 'FULL' })
    const { compatibility, subjects } = await svc.call('schemas.subjects', {})
    expect(compatibility).toBe('BACKWARD')
    expect(subjects).toEqual([
      {
        subject: 'orphan-key',
        type: 'JSON',
        latestVersion: 1,
        latestId: expect.any(Number),
        versionCount: 1,
        compatibility: 'FULL',
        ownCompatibility: 'FULL',
        topics: [],
        deleted: false
      },
      {
        subject: 'payments-value',
        type: 'AVRO',
        latestVersion: 2,
        latestId: second.id,
        versionCount: 2,
        compatibility: 'BACKWARD',
        ownCompatibility: null,
        topics: [{ topic: 'payments', part: 'value' }],
        deleted: false
      }
    ])
    const versions = await svc.call('schemas.versions', { subject: 'payments-value' })
    expect(versions.versions.map((v) => [v.version, v.schema])).toEqual([
      [1, v1],
      [2, v2]
    ])
    expect(
      (await failure(svc.call('schemas.versions', { subject: 'nope' }))).toJSON()
    ).toMatchObject({ code: 'NOT_FOUND', field: 'subject' })
  })

  it('explains what a change breaks before it is registered, and refuses it with the same words', async () => {
    const svc = open()
    await svc.call('schemas.register', { subject: 's', schema: v1 })
    await svc.call('schemas.register', { subject: 's', schema: v2 })
    const fine = await svc.call('schemas.check', {
      subject: 's',
      schema: payment([
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'double' }
      ])
    })
    expect(fine).toMatchObject({ compatible: true, existing: { version: 1 } })
    const verdict = await svc.call('schemas.check', { subject: 's', schema: broken })
    expect(verdict).toEqual({
      compatible: false,
      level: 'BACKWARD',
      checkedVersions: [2],
      problems: [
        {
          version: 2,
          direction: 'backward',
          message: 'field `amount` changed type from double to string'
        }
      ]
    })
    const refused = await failure(svc.call('schemas.register', { subject: 's', schema: broken }))
    expect(refused.code).toBe('CONFLICT')
    expect(refused.status).toBe(409)
    expect(refused.message).toBe(
      'This change breaks consumers: version 2 (new schema reading old data): field `amount` changed type from double to string'
    )
    // Under FULL_TRANSITIVE every version is checked both ways.
    await svc.call('schemas.setCompatibility', { subject: 's', level: 'FULL_TRANSITIVE' })
    const strict = await svc.call('schemas.check', {
      subject: 's',
      schema: payment([{ name: 'id', type: 'string' }])
    })
    expect(strict.checkedVersions).toEqual([1, 2])
    expect(strict.problems).toContainEqual({
      version: 1,
      direction: 'forward',
      message: 'field `amount` added without a default'
    })
    const bad = await failure(svc.call('schemas.check', { subject: 's', schema: '{"type":' }))
    expect(bad.toJSON()).toMatchObject({ code: 'BAD_REQUEST', field: 'schema' })
  })

  it('compares two versions line by line', async () => {
    const svc = open()
    await svc.call('schemas.register', { subject: 's', schema: v1 })
    await svc.call('schemas.register', { subject: 's', schema: v2 })
    const { left, right, rows } = await svc.call('schemas.compare', {
      subject: 's',
      left: 1,
      right: 2
    })
    expect([left.version, right.version]).toEqual([1, 2])
    const changed = rows.filter((r) => r.change !== 'same')
    expect(changed.map((r) => [r.change, r.left?.text.trim(), r.right?.text.trim()])).toEqual([
      ['added', undefined, '},'],
      ['added', undefined, '{'],
      ['added', undefined, '"name": "currency",'],
      ['added', undefined, '"type": "string",'],
      ['added', undefined, '"default": "EUR"']
    ])
    // Every line of each side appears once, in order.
    const leftLines = rows.flatMap((r) => (r.left ? [r.left.line] : []))
    expect(leftLines).toEqual(leftLines.map((_, i) => i + 1))
    const missing = await failure(svc.call('schemas.compare', { subject: 's', left: 1, right: 9 }))
    expect(missing.toJSON()).toMatchObject({ code: 'NOT_FOUND', field: 'right' })
  })

  it('changes levels and deletes softly, then for good', async () => {
    const svc = open()
    await svc.call('schemas.register', { subject: 's', schema: v1 })
    await svc.call('schemas.register', { subject: 's', schema: v2 })
    expect(await svc.call('schemas.setCompatibility', { subject: 's', level: 'NONE' })).toEqual({
      subject: 's',
      compatibility: 'NONE',
      ownCompatibility: 'NONE'
    })
    expect(await svc.call('schemas.register', { subject: 's', schema: broken })).toMatchObject({
      version: 3
    })
    expect(await svc.call('schemas.setCompatibility', { subject: 's', level: null })).toEqual({
      subject: 's',
      compatibility: 'BACKWARD',
      ownCompatibility: null
    })
    expect(await svc.call('schemas.setCompatibility', { level: 'FORWARD' })).toMatchObject({
      compatibility: 'FORWARD'
    })
    const noGlobalRemoval = await failure(svc.call('schemas.setCompatibility', { level: null }))
    expect(noGlobalRemoval.toJSON()).toMatchObject({ code: 'BAD_REQUEST', field: 'level' })

    expect(await svc.call('schemas.delete', { subject: 's', version: 3 })).toEqual({
      subject: 's',
      versions: [3],
      permanent: false
    })
    const all = await svc.call('schemas.versions', { subject: 's', deleted: true })
    expect(all.versions.map((v) => [v.version, v.deleted])).toEqual([
      [1, false],
      [2, false],
      [3, true]
    ])
    const notFirst = await failure(svc.call('schemas.delete', { subject: 's', permanent: true }))
    expect(notFirst.code).toBe('CONFLICT')
    await svc.call('schemas.delete', { subject: 's' })
    expect((await svc.call('schemas.subjects', {})).subjects).toEqual([])
    expect((await svc.call('schemas.subjects', { deleted: true })).subjects).toMatchObject([
      { subject: 's', deleted: true, versionCount: 0 }
    ])
    expect(await svc.call('schemas.delete', { subject: 's', permanent: true })).toMatchObject({
      versions: [1, 2, 3],
      permanent: true
    })
    expect((await svc.call('schemas.subjects', { deleted: true })).subjects).toEqual([])
  })

  it('says so when the cluster has no registry, and checks params', async () => {
    const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
    closers.push(() => engine.close())
    const svc = createService(embeddedBackend(engine))
    expect((await failure(svc.call('schemas.subjects', {}))).code).toBe('UNAVAILABLE')
    const bad = await failure(
      open().call('schemas.register', { subject: 's', schema: v1, schemaType: 'XML' })
    )
    expect(bad.toJSON()).toMatchObject({ code: 'BAD_REQUEST', field: 'schemaType' })
  })
})
