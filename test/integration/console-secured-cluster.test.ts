// The console on clusters that ask for TLS and SASL: a second `logdeck serve` with
// `--security sasl_ssl` (SCRAM-SHA-512) and a third with `--security ssl`, both on the
// certificate `logdeck certs` writes. connections.test and connections.add with the CA, then
// topics.list and messages.read, against records kcat wrote over the same security; a wrong
// password says authentication failed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat } from '../support/external-clients'
import type { ConnectionTestResult } from '../../src/shared/api/connections'
import type { ReadResult } from '../../src/shared/api/messages'
import type { TopicSummary } from '../../src/shared/model'

const ROOT = join(__dirname, '..', '..')

describe('the console on TLS and SASL_SSL clusters', () => {
  let dir: string
  let ca: string
  let saslSsl: ServeProcess
  let sslOnly: ServeProcess
  let console_: TestCluster
  const call = (method: string, params: object) => console_.service.callByName(method, params)
  const servers = (s: ServeProcess) => s.bootstrap.split(',')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-secured-'))
    execFileSync(process.execPath, [join(ROOT, 'bin', 'logdeck.cjs'), 'certs', '--out', dir])
    ca = readFileSync(join(dir, 'ca.pem'), 'utf8')
    const tls = ['--tls-cert', join(dir, 'server.pem'), '--tls-key', join(dir, 'server-key.pem')]
    const common = ['--in-memory', '--port', '0', '--no-ui', '--brokers', '3']
    saslSsl = await startServe([...common, '--security', 'sasl_ssl', '--user', 'ops:p4ss', ...tls])
    sslOnly = await startServe([...common, '--security', 'ssl', ...tls])
    console_ = await startTestCluster({ dataDir: join(dir, 'console') })

    const secure = ['-X', `ssl.ca.location=${join(dir, 'ca.pem')}`]
    const lines = Array.from({ length: 12 }, (_, i) => `k${i % 3}:v${i}`).join('\n') + '\n'
    const produce = async (s: ServeProcess, extra: string[]) => {
      const res = await kcat(
        ['-b', s.bootstrap, ...extra, ...secure, '-P', '-t', 'orders', '-K', ':', '-p', '0'],
        lines
      )
      expect(res.code, res.stderr).toBe(0)
    }
    const sasl = [
      '-X',
      'security.protocol=sasl_ssl',
      '-X',
      'sasl.mechanism=SCRAM-SHA-512',
      '-X',
      'sasl.username=ops',
      '-X',
      'sasl.password=p4ss'
    ]
    await produce(saslSsl, sasl)
    await produce(sslOnly, ['-X', 'security.protocol=ssl'])
  })

  afterAll(async () => {
    await console_?.close()
    await saslSsl?.stop()
    await sslOnly?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  async function works(id: string): Promise<void> {
    const { topics } = (await call('topics.list', { connection: id })) as { topics: TopicSummary[] }
    expect(topics.map((t) => t.name)).toContain('orders')
    const page = (await call('messages.read', {
      connection: id,
      topic: 'orders',
      partition: 0,
      from: { offset: 4 },
      limit: 3
    })) as ReadResult
    expect(page.records.map((r) => [r.offset, r.key, r.value])).toEqual([
      [4, 'k1', 'v4'],
      [5, 'k2', 'v5'],
      [6, 'k0', 'v6']
    ])
  }

  it('SASL_SSL with SCRAM-SHA-512 and the CA: tested, added, topics listed, records read', async () => {
    const definition = {
      name: 'Secured',
      bootstrapServers: servers(saslSsl),
      security: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'ops', password: 'p4ss' },
        tls: { ca }
      },
      historyIntervalMs: 0
    }
    const tested = (await call('connections.test', { definition })) as ConnectionTestResult
    expect(tested.reachable).toBe(true)
    expect(tested.brokers).toHaveLength(3)
    const { id } = (await call('connections.add', definition)) as { id: string }
    await works(id)
  })

  it('SASL_SSL with a wrong password says authentication failed', async () => {
    const err = await call('connections.test', {
      definition: {
        name: 'Wrong',
        bootstrapServers: servers(saslSsl),
        security: {
          protocol: 'SASL_SSL',
          sasl: { mechanism: 'SCRAM-SHA-512', username: 'ops', password: 'nope' },
          tls: { ca }
        }
      }
    }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string }
    )
    expect(err?.code).toBe('UNAUTHORIZED')
    expect(err?.message).toMatch(/^Authentication failed at /)
  })

  it('SSL only, with the CA: tested, added, topics listed, records read', async () => {
    const definition = {
      name: 'TLS only',
      bootstrapServers: servers(sslOnly),
      security: { protocol: 'SSL', tls: { ca } },
      historyIntervalMs: 0
    }
    const tested = (await call('connections.test', { definition })) as ConnectionTestResult
    expect(tested.reachable).toBe(true)
    const { id } = (await call('connections.add', definition)) as { id: string }
    await works(id)
  })
})
