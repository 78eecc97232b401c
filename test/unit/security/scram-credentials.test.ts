// SASL users are kept as salted SCRAM credentials in the data directory: they survive a restart,
// no password is stored, and the contract's users.* methods manage them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-scram-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SCRAM credentials in the data directory', () => {
  it('survive a restart, and the password itself is never written', async () => {
    const first = Engine.open({ dataDir: dir, brokers: 1 })
    first.setSaslPassword('alice', 'correct horse battery staple')
    await first.close()
    const files = ['logdeck.db', 'logdeck.db-wal'].map((f) => join(dir, f))
    for (const f of files) {
      let bytes: Buffer
      try {
        bytes = readFileSync(f)
      } catch {
        continue
      }
      expect(bytes.includes(Buffer.from('correct horse battery staple'))).toBe(false)
    }
    const second = Engine.open({ dataDir: dir, brokers: 1 })
    try {
      expect(second.saslUsers()).toEqual([
        {
          name: 'alice',
          credentials: [
            { mechanism: 'SCRAM-SHA-256', iterations: 4096 },
            { mechanism: 'SCRAM-SHA-512', iterations: 4096 }
          ]
        }
      ])
      expect(second.checkSaslPassword('alice', 'correct horse battery staple')).toBe(
        true
      )
      expect(second.checkSaslPassword('alice', 'wrong')).toBe(false)
    } finally {
      await second.close()
    }
  })
})

describe('users.* on the contract', () => {
  it('adds, lists, narrows and deletes users, with errors naming the field', async () => {
    const engine = Engine.open({ dataDir: ':memory:', brokers: 1 })
    const service = createService(
      embeddedBackend(engine, {
        listeners: [
          { name: 'SASL_SSL', securityProtocol: 'SASL_SSL' },
          { name: 'LOCAL', securityProtocol: 'PLAINTEXT' }
        ],
        saslMechanisms: ['SCRAM-SHA-512', 'OAUTHBEARER']
      })
    )
    try {
      expect(await service.call('users.list', {})).toEqual({
        securityProtocol: 'SASL_SSL',
        saslEnabled: true,
        saslMechanisms: ['SCRAM-SHA-512', 'OAUTHBEARER'],
        listeners: [
          { name: 'SASL_SSL', securityProtocol: 'SASL_SSL' },
          { name: 'LOCAL', securityProtocol: 'PLAINTEXT' }
        ],
        users: []
      })
      expect(
        await service.call('users.set', {
          name: 'bob',
          password: 'pw',
          mechanisms: ['SCRAM-SHA-512'],
          iterations: 8192
        })
      ).toEqual({ name: 'bob', credentials: [{ mechanism: 'SCRAM-SHA-512', iterations: 8192 }] })
      await service.call('users.set', { name: 'carol', password: 'pw' })
      expect((await service.call('users.list', {})).users.map((u) => u.name)).toEqual([
        'bob',
        'carol'
      ])
      expect(
        await service.call('users.delete', { name: 'carol', mechanism: 'SCRAM-SHA-256' })
      ).toEqual({
        name: 'carol',
        deleted: ['SCRAM-SHA-256']
      })
      expect(await service.call('users.delete', { name: 'carol' })).toEqual({
        name: 'carol',
        deleted: ['SCRAM-SHA-512']
      })
      await expect(service.call('users.delete', { name: 'carol' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        field: 'name'
      })
      await expect(
        service.call('users.set', { name: 'x', password: 'pw', iterations: 100 })
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'iterations' })
      await expect(service.call('users.set', { name: '', password: 'pw' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        field: 'name'
      })
    } finally {
      await engine.close()
    }
  })
})
