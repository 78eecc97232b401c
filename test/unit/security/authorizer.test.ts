// The authorizer decides as Kafka's StandardAuthorizer does (deny wins, implied DESCRIBE, literal,
// wildcard and prefixed patterns, principal and host wildcards, super users, no ACL = no access
// unless allow.everyone.if.no.acl.found); ACLs survive a restart; filters match as
// AclBindingFilter does; the contract's acls.* manage them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { Engine } from '../../../src/engine/engine'
import { Authorizer, type AuthorizerSettings } from '../../../src/engine/security/authorizer'
import { aclMatches } from '../../../src/engine/security/acls'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-acls-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BOB = { principal: 'User:bob', host: '10.0.0.1' }

function acl(partial: Partial<AclBinding>): AclBinding {
  return {
    resourceType: 'TOPIC',
    resourceName: 'orders',
    patternType: 'LITERAL',
    principal: 'User:bob',
    host: '*',
    operation: 'READ',
    permission: 'ALLOW',
    ...partial
  }
}

function authorizerWith(acls: AclBinding[], settings: Partial<AuthorizerSettings> = {}) {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1 })
  engine.addAcls(acls)
  const authorizer = new Authorizer(engine, {
    superUsers: [],
    allowEveryoneIfNoAclFound: false,
    ...settings
  })
  return { engine, authorizer }
}

describe('Authorizer', () => {
  it('allows what an ALLOW names, and READ implies DESCRIBE but not WRITE', async () => {
    const { engine, authorizer } = authorizerWith([acl({})])
    expect(authorizer.authorize(BOB, 'READ', 'TOPIC', 'orders')).toBe(true)
    expect(authorizer.authorize(BOB, 'DESCRIBE', 'TOPIC', 'orders')).toBe(true)
    expect(authorizer.authorize(BOB, 'WRITE', 'TOPIC', 'orders')).toBe(false)
    expect(authorizer.authorize(BOB, 'READ', 'TOPIC', 'payments')).toBe(false)
    expect(authorizer.authorize({ ...BOB, principal: 'User:eve' }, 'READ', 'TOPIC', 'orders')).toBe(
      false
    )
    await engine.close()
  })

  it('lets a DENY win over any ALLOW, also over ALL and wildcards', async () => {
    const { engine, authorizer } = authorizerWith([
      acl({ operation: 'ALL', principal: 'User:*' }),
      acl({ operation: 'READ', permission: 'DENY', host: '10.0.0.1' })
    ])
    expect(authorizer.authorize(BOB, 'READ', 'TOPIC', 'orders')).toBe(false)
    expect(authorizer.authorize(BOB, 'WRITE', 'TOPIC', 'orders')).toBe(true)
    // From another host the DENY does not apply.
    expect(authorizer.authorize({ ...BOB, host: '10.0.0.2' }, 'READ', 'TOPIC', 'orders')).toBe(true)
    // A DENY of READ does not deny DESCRIBE, which WRITE still implies.
    expect(authorizer.authorize(BOB, 'DESCRIBE', 'TOPIC', 'orders')).toBe(true)
    await engine.close()
  })

  it('matches prefixed and wildcard resource names, and ALTER_CONFIGS implies DESCRIBE_CONFIGS', async () => {
    const { engine, authorizer } = authorizerWith([
      acl({ resourceName: 'orders.', patternType: 'PREFIXED', operation: 'WRITE' }),
      acl({ resourceType: 'GROUP', resourceName: '*', operation: 'READ' }),
      acl({ resourceName: 'config', operation: 'ALTER_CONFIGS' })
    ])
    expect(authorizer.authorize(BOB, 'WRITE', 'TOPIC', 'orders.eu')).toBe(true)
    expect(authorizer.authorize(BOB, 'WRITE', 'TOPIC', 'orders')).toBe(false)
    expect(authorizer.authorize(BOB, 'READ', 'GROUP', 'any-group')).toBe(true)
    expect(authorizer.authorize(BOB, 'DESCRIBE_CONFIGS', 'TOPIC', 'config')).toBe(true)
    expect(authorizer.authorize(BOB, 'DESCRIBE', 'TOPIC', 'config')).toBe(false)
    await engine.close()
  })

  it('lets super users do anything, and opens resources without ACLs only when told to', async () => {
    const { engine, authorizer } = authorizerWith([acl({})], { superUsers: ['User:admin'] })
    const admin = { principal: 'User:admin', host: '10.0.0.9' }
    expect(authorizer.authorize(admin, 'DELETE', 'TOPIC', 'orders')).toBe(true)
    expect(authorizer.authorize(admin, 'ALTER', 'CLUSTER', 'kafka-cluster')).toBe(true)
    expect(authorizer.authorize(BOB, 'WRITE', 'TOPIC', 'unnamed')).toBe(false)
    const open = new Authorizer(engine, { superUsers: [], allowEveryoneIfNoAclFound: true })
    expect(open.authorize(BOB, 'WRITE', 'TOPIC', 'unnamed')).toBe(true)
    // A resource some ACL names stays closed to everyone else.
    expect(open.authorize(BOB, 'WRITE', 'TOPIC', 'orders')).toBe(false)
    await engine.close()
  })

  it('answers whether some topic allows WRITE (an idempotent producer without IDEMPOTENT_WRITE)', async () => {
    const { engine, authorizer } = authorizerWith([acl({ operation: 'WRITE' })])
    expect(authorizer.authorizeAny(BOB, 'WRITE', 'TOPIC')).toBe(true)
    expect(authorizer.authorizeAny({ ...BOB, principal: 'User:eve' }, 'WRITE', 'TOPIC')).toBe(false)
    engine.addAcls([acl({ resourceName: '*', operation: 'WRITE', permission: 'DENY' })])
    expect(authorizer.authorizeAny(BOB, 'WRITE', 'TOPIC')).toBe(false)
    await engine.close()
  })
})

describe('ACL filters', () => {
  it('match as Kafka: MATCH finds the literal, wildcard and prefixed ACLs that apply to a name', () => {
    const literal = acl({})
    const wildcard = acl({ resourceName: '*' })
    const prefixed = acl({ resourceName: 'ord', patternType: 'PREFIXED' })
    const other = acl({ resourceName: 'payments' })
    const all = [literal, wildcard, prefixed, other]
    const pick = (f: Parameters<typeof aclMatches>[0]) => all.filter((b) => aclMatches(f, b))
    expect(pick({ resourceName: 'orders', patternType: 'MATCH' })).toEqual([
      literal,
      wildcard,
      prefixed
    ])
    expect(pick({ resourceName: 'orders' })).toEqual([literal])
    expect(pick({ patternType: 'PREFIXED' })).toEqual([prefixed])
    expect(pick({})).toEqual(all)
    expect(pick({ principal: 'User:eve' })).toEqual([])
  })
})

describe('ACLs in the data directory and on the contract', () => {
  it('survive a restart', async () => {
    const first = Engine.open({ dataDir: dir, brokers: 1 })
    first.addAcls([acl({}), acl({ operation: 'WRITE', permission: 'DENY' })])
    await first.close()
    const second = Engine.open({ dataDir: dir, brokers: 1 })
    try {
      expect(second.allAcls()).toHaveLength(2)
      expect(second.removeAcls({ operation: 'WRITE' })).toEqual([
        acl({ operation: 'WRITE', permission: 'DENY' })
      ])
    } finally {
      await second.close()
    }
    const third = Engine.open({ dataDir: dir, brokers: 1 })
    expect(third.allAcls()).toEqual([acl({})])
    await third.close()
  })

  it('acls.list / create / delete, with defaults and errors naming the field', async () => {
    const engine = Engine.open({ dataDir: ':memory:', brokers: 1 })
    const service = createService(
      embeddedBackend(engine, {
        listeners: [{ name: 'SASL_PLAINTEXT', securityProtocol: 'SASL_PLAINTEXT' }],
        authorizer: { superUsers: ['User:admin'], allowEveryoneIfNoAclFound: false }
      })
    )
    try {
      const { created } = await service.call('acls.create', {
        acls: [
          {
            resourceType: 'TOPIC',
            resourceName: 'orders',
            principal: 'User:bob',
            operation: 'READ',
            permission: 'ALLOW'
          }
        ]
      })
      expect(created).toEqual([acl({})])
      // Creating it again is no error and adds nothing.
      await service.call('acls.create', { acls: created })
      const list = await service.call('acls.list', {})
      expect(list).toEqual({
        authorizerEnabled: true,
        superUsers: ['User:admin'],
        securityProtocol: 'SASL_PLAINTEXT',
        acls: [acl({})]
      })
      const bad = service.call('acls.create', {
        acls: [
          {
            resourceType: 'CLUSTER',
            resourceName: 'x',
            principal: 'User:bob',
            operation: 'ALTER',
            permission: 'ALLOW'
          }
        ]
      })
      await expect(bad).rejects.toBeInstanceOf(ApiError)
      await expect(bad).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'acls.0.resourceName' })
      await expect(
        service.call('acls.create', {
          acls: [
            {
              resourceType: 'TOPIC',
              resourceName: 'x',
              principal: 'bob',
              operation: 'READ',
              permission: 'ALLOW'
            }
          ]
        })
      ).rejects.toMatchObject({ field: 'acls.0.principal' })
      expect(
        (
          await service.call('acls.list', {
            filter: { resourceName: 'orders', patternType: 'MATCH' }
          })
        ).acls
      ).toHaveLength(1)
      expect(await service.call('acls.delete', { filter: { principal: 'User:bob' } })).toEqual({
        deleted: [acl({})]
      })
      expect((await service.call('acls.list', {})).acls).toEqual([])
    } finally {
      await engine.close()
    }
  })
})
