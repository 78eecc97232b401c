import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { RegistryError } from '../../../src/engine/registry/registry-error'

const open: SchemaRegistry[] = []
function registry(dir = ':memory:'): SchemaRegistry {
  const r = SchemaRegistry.open(dir)
  open.push(r)
  return r
}
afterEach(() => {
  for (const r of open.splice(0)) r.close()
})

const record = (fields: object[], name = 'Payment') =>
  JSON.stringify({ type: 'record', name, namespace: 'shop', fields })
const v1 = record([{ name: 'id', type: 'string' }])
const v2 = record([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double', default: 0 }
])

async function code(p: Promise<unknown> | (() => unknown)): Promise<number> {
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (err) {
    if (err instanceof RegistryError) return err.code
    throw err
  }
  return 0
}

describe('schema registry', () => {
  it('gives a schema one id, in every subject, and versions per subject', async () => {
    const r = registry()
    const a = await r.register('payments-value', { schema: v1 })
    expect(a).toMatchObject({ id: 1, version: 1 })
    expect((await r.register('payments-value', { schema: v1 })).id).toBe(1)
    // Whitespace and attribute order aside, the same schema is the same id elsewhere.
    const spaced = JSON.stringify(JSON.parse(v1), null, 2)
    expect(await r.register('other-value', { schema: spaced })).toMatchObject({ id: 1, version: 1 })
    const b = await r.register('payments-value', { schema: v2 })
    expect(b).toMatchObject({ id: 2, version: 2 })
    expect(r.versions('payments-value')).toEqual([1, 2])
    expect(r.getVersion('payments-value', 'latest').id).toBe(2)
    expect(r.idSubjects(1)).toEqual(['other-value', 'payments-value'])
    expect((await r.lookup('payments-value', { schema: v1 })).version).toBe(1)
  })

  it('refuses an incompatible change under BACKWARD and takes it under NONE', async () => {
    const r = registry()
    await r.register('s', { schema: v1 })
    const breaking = record([{ name: 'id', type: 'int' }])
    await expect(r.register('s', { schema: breaking })).rejects.toMatchObject({ code: 409 })
    const added = record([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' }
    ])
    const problems = await r.checkCompatibility('s', { schema: added })
    expect(problems.join('\n')).toMatch(/version 1.*amount/)
    r.setCompatibility('s', 'NONE')
    expect((await r.register('s', { schema: breaking })).version).toBe(2)
  })

  it('checks every earlier version only under the transitive levels', async () => {
    const r = registry()
    r.setCompatibility(undefined, 'NONE')
    await r.register('s', { schema: record([{ name: 'a', type: 'int' }]) })
    await r.register('s', { schema: record([{ name: 'a', type: 'string' }]) })
    const next = record([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'int', default: 1 }
    ])
    r.setCompatibility('s', 'BACKWARD')
    expect(await r.checkCompatibility('s', { schema: next })).toEqual([])
    r.setCompatibility('s', 'BACKWARD_TRANSITIVE')
    expect((await r.checkCompatibility('s', { schema: next })).join()).toMatch(/version 1/)
  })

  it('follows the direction of each level', async () => {
    // Adding a field without a default: old data cannot fill it (backward breaks), new data read
    // by the old schema drops it (forward holds).
    const cases: [string, boolean][] = [
      ['BACKWARD', false],
      ['FORWARD', true],
      ['FULL', false],
      ['NONE', true]
    ]
    for (const [level, ok] of cases) {
      const r = registry()
      r.setCompatibility(undefined, level)
      await r.register('s', { schema: v1 })
      const added = record([
        { name: 'id', type: 'string' },
        { name: 'n', type: 'int' }
      ])
      expect(await r.checkCompatibility('s', { schema: added }), level).toHaveLength(ok ? 0 : 1)
    }
  })

  it('answers with Confluent error codes', async () => {
    const r = registry()
    expect(await code(r.register('s', { schema: '{"type": "recor' }))).toBe(42201)
    expect(await code(r.register('s', { schema: '{"type":"nope"}' }))).toBe(42201)
    expect(await code(() => r.versions('missing'))).toBe(40401)
    await r.register('s', { schema: v1 })
    expect(await code(() => r.getVersion('s', 7))).toBe(40402)
    expect(await code(() => r.getVersion('s', 'x'))).toBe(42202)
    expect(await code(() => r.getVersion('s', 0))).toBe(42202)
    expect(await code(() => r.schemaById(99))).toBe(40403)
    expect(await code(r.lookup('s', { schema: v2 }))).toBe(40403)
    expect(await code(() => r.setCompatibility('s', 'SIDEWAYS'))).toBe(42203)
    expect(await code(() => r.setMode(undefined, 'LOUD'))).toBe(42204)
    r.setMode('s', 'READONLY')
    expect(await code(r.register('s', { schema: v2 }))).toBe(42205)
  })

  it('soft deletes, then hard deletes, and never reuses an id', async () => {
    const r = registry()
    await r.register('s', { schema: v1 })
    await r.register('s', { schema: v2 })
    expect(await code(() => r.deleteVersion('s', 2, true))).toBe(40407)
    expect(r.deleteVersion('s', 2, false)).toBe(2)
    expect(await code(() => r.deleteVersion('s', 2, false))).toBe(40406)
    expect(r.versions('s')).toEqual([1])
    expect(r.versions('s', { deleted: true })).toEqual([1, 2])
    expect(await code(() => r.deleteSubject('s', true))).toBe(40405)
    expect(r.deleteSubject('s', false)).toEqual([1, 2])
    expect(await code(() => r.deleteSubject('s', false))).toBe(40404)
    expect(r.subjects()).toEqual([])
    expect(r.subjects({ deleted: true })).toEqual(['s'])
    expect(r.deleteSubject('s', true)).toEqual([1, 2])
    expect(r.subjects({ deleted: true })).toEqual([])
    const third = await r.register('t', { schema: record([{ name: 'z', type: 'long' }]) })
    expect(third.id).toBe(3)
    // The schemas of deleted versions keep their ids: a record written with them still decodes.
    expect(r.schemaById(2).schema).toBe(v2)
  })

  it('resolves Avro references and refuses to delete what is referenced', async () => {
    const r = registry()
    const money = JSON.stringify({
      type: 'record',
      name: 'Money',
      namespace: 'shop',
      fields: [{ name: 'cents', type: 'long' }]
    })
    await r.register('money', { schema: money })
    const order = record([{ name: 'total', type: 'shop.Money' }], 'Order')
    expect(await code(r.register('order', { schema: order }))).toBe(42201)
    const refs = [{ name: 'shop.Money', subject: 'money', version: 1 }]
    const o = await r.register('order', { schema: order, references: refs })
    expect(o.id).toBe(2)
    expect(r.referencedBy('money', 1)).toEqual([2])
    expect(await code(() => r.deleteVersion('money', 1, false))).toBe(42206)
  })

  it('keeps Protobuf and JSON Schema types and their rules', async () => {
    const r = registry()
    const proto = (t: string) => `syntax = "proto3";\npackage shop;\nmessage Order { ${t} id = 1; }`
    const p = await r.register('p', { schemaType: 'PROTOBUF', schema: proto('int64') })
    expect(p.schemaType).toBe('PROTOBUF')
    expect(
      await r.checkCompatibility('p', { schemaType: 'PROTOBUF', schema: proto('uint64') })
    ).toEqual([])
    expect(
      (await r.checkCompatibility('p', { schemaType: 'PROTOBUF', schema: proto('string') })).join()
    ).toMatch(/field 1 'id' changed type from int64 to string/)
    expect(await code(r.register('p2', { schemaType: 'PROTOBUF', schema: 'message {' }))).toBe(
      42201
    )

    const json = (required: string[]) =>
      JSON.stringify({
        type: 'object',
        properties: { id: { type: 'string' }, n: { type: 'integer' } },
        required
      })
    await r.register('j', { schemaType: 'JSON', schema: json(['id']) })
    expect(
      (await r.checkCompatibility('j', { schemaType: 'JSON', schema: json(['id', 'n']) })).join()
    ).toMatch(/required property 'n' added/)
    expect(await code(r.register('j2', { schemaType: 'JSON', schema: '{"type": 12}' }))).toBe(42201)
  })

  it('keeps everything across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-registry-'))
    try {
      const r = SchemaRegistry.open(dir)
      await r.register('s', { schema: v1 })
      await r.register('s', { schema: v2 })
      r.setCompatibility('s', 'FULL')
      r.deleteVersion('s', 2, false)
      r.deleteVersion('s', 2, true)
      r.close()
      const again = registry(dir)
      expect(again.versions('s', { deleted: true })).toEqual([1])
      expect(again.subjectCompatibility('s')).toBe('FULL')
      const next = await again.register('s', {
        schema: record([
          { name: 'id', type: 'string' },
          { name: 'q', type: 'int', default: 0 }
        ])
      })
      expect(next.id).toBe(3)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('hands out distinct ids to distinct schemas and the same id to the same one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 5 })), {
          maxLength: 20
        }),
        async (ops) => {
          const r = registry()
          r.setCompatibility(undefined, 'NONE')
          const idOf = new Map<number, number>()
          for (const [subject, n] of ops) {
            const s = record([{ name: `f${n}`, type: 'int' }])
            const { id } = await r.register(subject, { schema: s })
            if (idOf.has(n)) expect(id).toBe(idOf.get(n))
            else {
              expect([...idOf.values()]).not.toContain(id)
              idOf.set(n, id)
            }
          }
          r.close()
          open.pop()
        }
      ),
      { numRuns: 30 }
    )
  })
})
