// `logdeck serve` with three listeners on every one of 3 brokers, as Kafka's `listeners`:
// PLAINTEXT (--port), SSL and SASL_SSL (--listener). Each client is told the brokers' ports of the
// listener it came in on, so kcat bootstrapped on one keeps to it; records produced on PLAINTEXT
// are read on SSL and on SASL_SSL (SCRAM-SHA-512); a plaintext client on the TLS port fails
// clearly; stopping a broker closes its connections on every listener, and starting it opens
// them again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'wonder:land' }
const TOKEN = 'listeners-token'

let dir: string
let certs: ReturnType<typeof writeDevCertificates>
let server: ServeProcess

/** Each listener's broker ports as `logdeck serve` printed them, by listener name. */
function printedPorts(): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>()
  const lines = server
    .output()
    .matchAll(/^Kafka listener(?: (\w+) \(\w+\))?: broker (\d) at 127\.0\.0\.1:(\d+)$/gm)
  for (const [, name = 'PLAINTEXT', broker, port] of lines) {
    const ports = out.get(name) ?? new Map<number, number>()
    out.set(name, ports)
    ports.set(Number(broker), Number(port))
  }
  return out
}

function bootstrapOf(listener: string): string {
  const ports = printedPorts().get(listener)
  if (!ports) throw new Error(`no listener ${listener} in:\n${server.output()}`)
  return [...ports.values()].map((p) => `127.0.0.1:${p}`).join(',')
}

/** kcat's flags for each listener. */
const CLIENT: Record<string, () => string[]> = {
  PLAINTEXT: () => [],
  SSL: () => ['-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${certs.ca}`],
  EXTERNAL: () => [
    '-X',
    'security.protocol=sasl_ssl',
    '-X',
    `ssl.ca.location=${certs.ca}`,
    '-X',
    'sasl.mechanism=SCRAM-SHA-512',
    '-X',
    `sasl.username=${ALICE.name}`,
    '-X',
    `sasl.password=${ALICE.password}`
  ]
}

async function call(method: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body)
  })
  const answer = (await res.json()) as unknown
  if (res.status !== 200) throw new Error(`${method}: ${res.status} ${JSON.stringify(answer)}`)
  return answer
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-listeners-'))
  certs = writeDevCertificates(dir)
  server = await startServe([
    '--in-memory',
    '--brokers',
    '3',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--token',
    TOKEN,
    '--no-schema-registry',
    '--listener',
    'SSL=ssl:0',
    '--listener',
    'EXTERNAL=sasl_ssl:0',
    '--tls-cert',
    certs.cert,
    '--tls-key',
    certs.key,
    '--user',
    `${ALICE.name}:${ALICE.password}`,
    // Auto-created topics spread over the brokers: consumers reach all three on their listener.
    '--broker-config',
    'num.partitions=3'
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('listeners with their own security protocols', () => {
  it('prints every listener of every broker and its bootstrap servers', () => {
    const ports = printedPorts()
    expect([...ports.keys()]).toEqual(['PLAINTEXT', 'SSL', 'EXTERNAL'])
    for (const p of ports.values()) expect([...p.keys()]).toEqual([0, 1, 2])
    const all = [...ports.values()].flatMap((p) => [...p.values()])
    expect(new Set(all).size).toBe(9)
    expect(server.bootstrap).toBe(bootstrapOf('PLAINTEXT'))
    expect(server.output()).toContain(`Bootstrap servers SSL (SSL): ${bootstrapOf('SSL')}\n`)
    expect(server.output()).toContain(
      `Bootstrap servers EXTERNAL (SASL_SSL): ${bootstrapOf('EXTERNAL')}\n`
    )
  })

  it.each(['PLAINTEXT', 'SSL', 'EXTERNAL'])(
    'kcat -L on the %s listener lists the brokers with that listener’s ports',
    async (listener) => {
      const r = await kcat(['-b', bootstrapOf(listener), ...CLIENT[listener](), '-L', '-J'])
      expect(r.code, r.stderr).toBe(0)
      const brokers = (JSON.parse(r.stdout) as { brokers: { id: number; name: string }[] }).brokers
      const expected = [...printedPorts().get(listener)!].map(([id, port]) => ({
        id,
        name: `127.0.0.1:${port}`
      }))
      expect(brokers.sort((a, b) => a.id - b.id)).toEqual(expected)
    }
  )

  it('records produced on PLAINTEXT are read back on SSL and on SASL_SSL', async () => {
    const records = Array.from({ length: 60 }, (_, i) => `k${i % 6}:order-${i}`)
    const produced = await kcat(
      ['-b', bootstrapOf('PLAINTEXT'), '-P', '-t', 'orders', '-K', ':', '-X', 'linger.ms=20'],
      records.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    for (const listener of ['SSL', 'EXTERNAL']) {
      const consumed = await kcat([
        '-b',
        bootstrapOf(listener),
        ...CLIENT[listener](),
        '-C',
        '-t',
        'orders',
        '-o',
        'beginning',
        '-e',
        '-q',
        '-f',
        '%p %k:%s\\n'
      ])
      expect(consumed.code, consumed.stderr).toBe(0)
      const lines = consumed.stdout.trim().split('\n')
      // From all three partitions, so from every broker's port on this listener.
      expect(new Set(lines.map((l) => l.split(' ')[0]))).toEqual(new Set(['0', '1', '2']))
      expect(lines.map((l) => l.split(' ')[1]).sort(), listener).toEqual([...records].sort())
    }
  })

  it('the SASL_SSL listener refuses a wrong password', async () => {
    const wrong = await kcat([
      '-b',
      bootstrapOf('EXTERNAL'),
      ...CLIENT.EXTERNAL().slice(0, -2),
      '-X',
      'sasl.password=nope',
      '-L',
      '-m',
      '5'
    ])
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(
      /SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512/
    )
  })

  it('a plaintext client on the TLS port fails clearly, and the broker logs why', async () => {
    const r = await kcat(['-b', bootstrapOf('SSL'), '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SSL listener/)
    await waitFor('the broker to log the plaintext client', () =>
      /^broker \d \(listener SSL\): TLS handshake with .* failed: the client does not speak TLS/m.test(
        server.output()
      )
    )
  })

  it('stopping a broker closes its connections on every listener; starting it opens them again', async () => {
    const ports = printedPorts()
    const ca = readFileSync(certs.ca)
    // One open connection to broker 1 on each listener (TLS where the listener speaks it).
    const sockets = await Promise.all(
      [...ports].map(
        ([listener, byBroker]) =>
          new Promise<net.Socket>((resolve, reject) => {
            const port = byBroker.get(1)!
            const s =
              listener === 'PLAINTEXT'
                ? net.connect(port, '127.0.0.1', () => resolve(s))
                : tls.connect({ port, host: '127.0.0.1', ca, servername: 'localhost' }, () =>
                    resolve(s)
                  )
            s.once('error', reject)
          })
      )
    )
    const closed = sockets.map(
      (s) => new Promise<void>((resolve) => s.once('close', () => resolve()))
    )
    for (const s of sockets) s.on('error', () => {})
    await call('brokers.stop', { brokerId: 1 })
    await Promise.all(closed)
    // Nothing listens on broker 1's ports now.
    for (const byBroker of ports.values()) {
      const refused = await new Promise<string>((resolve) => {
        const s = net.connect(byBroker.get(1)!, '127.0.0.1', () => {
          s.destroy()
          resolve('connected')
        })
        s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)))
      })
      expect(refused).toBe('ECONNREFUSED')
    }
    // The other brokers still answer on every listener, without broker 1.
    const listed = await kcat(['-b', bootstrapOf('SSL'), ...CLIENT.SSL(), '-L', '-J'])
    expect(listed.code, listed.stderr).toBe(0)
    const ids = (JSON.parse(listed.stdout) as { brokers: { id: number }[] }).brokers.map(
      (b) => b.id
    )
    expect(ids.sort()).toEqual([0, 2])

    await call('brokers.start', { brokerId: 1 })
    for (const listener of ['PLAINTEXT', 'SSL', 'EXTERNAL']) {
      const one = `127.0.0.1:${ports.get(listener)!.get(1)}`
      await waitFor(`broker 1 to answer on ${listener} again`, async () => {
        const r = await kcat(['-b', one, ...CLIENT[listener](), '-L', '-J', '-m', '5'])
        return r.code === 0 && (JSON.parse(r.stdout) as { brokers: unknown[] }).brokers.length === 3
      })
    }
  })
})
