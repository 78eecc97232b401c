// The schema registry's HTTP server as the desktop app, `logdeck serve` and startCluster start it
// (src/engine/registry/server): the flags' meaning on an Electron-like command line, basic auth,
// Host pinning and a busy port, under plain Node.
import http from 'node:http'
import https from 'node:https'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import {
  registryAddressLines,
  serveSchemaRegistry,
  type RunningRegistryServer
} from '../../../src/engine/registry/server/registry-server'
import {
  schemaRegistryArgs,
  schemaRegistrySettings
} from '../../../src/engine/registry/server/registry-settings'
import { writeDevCertificates } from '../../../src/server/dev-certificates'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

function registry(): SchemaRegistry {
  const r = SchemaRegistry.open(':memory:')
  cleanup.push(() => r.close())
  return r
}

async function serve(
  r: SchemaRegistry,
  basicAuth: string | null = null
): Promise<RunningRegistryServer> {
  const server = await serveSchemaRegistry(r, { port: 0, basicAuth, tls: null }, '127.0.0.1')
  if (!server) throw new Error('the registry was not served')
  cleanup.push(() => server.close())
  return server
}

/** A GET with the headers given as they are (fetch would not send a Host of our choosing). */
function get(
  port: number,
  path: string,
  headers: Record<string, string>,
  /** The CA to trust for a GET over HTTPS. */
  ca?: Buffer
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, headers }
    const onResponse = (res: http.IncomingMessage) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    }
    const req = ca
      ? https.request({ ...options, ca, servername: 'localhost' }, onResponse)
      : http.request(options, onResponse)
    req.on('error', reject)
    req.end()
  })
}

const electronArgv = (...flags: string[]) => [
  '/opt/Logdeck/logdeck',
  '--no-sandbox',
  '--enable-features=WaylandWindowDecorations',
  ...flags
]

describe('schema registry settings', () => {
  it('reads the desktop app command line as logdeck serve reads its flags', () => {
    expect(schemaRegistryArgs(electronArgv())).toEqual({ port: 8081, basicAuth: null, tls: null })
    expect(schemaRegistryArgs(electronArgv('--schema-registry-port', '18081')).port).toBe(18081)
    expect(schemaRegistryArgs(electronArgv('--schema-registry-port=0')).port).toBe(0)
    expect(schemaRegistryArgs(electronArgv('--no-schema-registry')).port).toBeNull()
    expect(schemaRegistryArgs(electronArgv('--schema-registry-auth', 'sr:pw'))).toEqual({
      port: 8081,
      basicAuth: 'sr:pw',
      tls: null
    })
    const tls = ['--schema-registry-tls-cert', 'c.pem', '--schema-registry-tls-key', 'k.pem']
    expect(schemaRegistryArgs(electronArgv(...tls)).tls).toEqual({
      cert: 'c.pem',
      key: 'k.pem',
      ca: null
    })
    expect(
      schemaRegistryArgs(electronArgv(...tls, '--schema-registry-tls-ca=ca.pem')).tls?.ca
    ).toBe('ca.pem')
  })

  it('refuses a flag that does not fit, naming it', () => {
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-port', 'http'))).toThrow(
      /--schema-registry-port takes a port from 0 to 65535, got 'http'/
    )
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-port=70000'))).toThrow(
      /--schema-registry-port/
    )
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-auth', 'nocolon'))).toThrow(
      /--schema-registry-auth takes USER:PASSWORD/
    )
    expect(() =>
      schemaRegistryArgs(electronArgv('--schema-registry-port', '1', '--no-schema-registry'))
    ).toThrow(/cannot be used together/)
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-tls-cert', 'c.pem'))).toThrow(
      /--schema-registry-tls-cert and --schema-registry-tls-key go together/
    )
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-tls-ca', 'ca.pem'))).toThrow(
      /--schema-registry-tls-ca needs --schema-registry-tls-cert/
    )
    expect(() => schemaRegistryArgs(electronArgv('--schema-registry-https-port', '18082'))).toThrow(
      '--schema-registry-https-port needs --schema-registry-tls-cert and --schema-registry-tls-key (HTTPS beside HTTP on --schema-registry-port)'
    )
    const tls = ['--schema-registry-tls-cert', 'c.pem', '--schema-registry-tls-key', 'k.pem']
    expect(() =>
      schemaRegistryArgs(electronArgv(...tls, '--schema-registry-https-port', '8081'))
    ).toThrow(
      '--schema-registry-https-port 8081 is the HTTP port (--schema-registry-port): give another'
    )
    expect(() =>
      schemaRegistryArgs(electronArgv(...tls, '--schema-registry-https-port', 'x'))
    ).toThrow("--schema-registry-https-port takes a port from 0 to 65535, got 'x'")
    expect(() =>
      schemaRegistryArgs(electronArgv('--no-schema-registry', '--schema-registry-https-port', '1'))
    ).toThrow('--schema-registry-https-port and --no-schema-registry cannot be used together')
    expect(
      schemaRegistryArgs(electronArgv(...tls, '--schema-registry-https-port', '18082'))
    ).toMatchObject({ port: 8081, httpsPort: 18082, tls: { cert: 'c.pem', key: 'k.pem' } })
  })

  it('asks for any free port when the Kafka port is any free port', () => {
    expect(schemaRegistrySettings({ kafkaPort: 0 }).port).toBe(0)
    expect(schemaRegistrySettings({ kafkaPort: 9092 }).port).toBe(8081)
    expect(schemaRegistrySettings({ kafkaPort: 0, port: 18081 }).port).toBe(18081)
  })
})

describe('schema registry server', () => {
  it('is not served when the settings turn it off', async () => {
    expect(
      await serveSchemaRegistry(registry(), { port: null, basicAuth: null, tls: null }, '127.0.0.1')
    ).toBeNull()
  })

  it("answers Confluent's REST API from the registry it is given", async () => {
    const r = registry()
    const { id } = await r.register('payments-value', {
      schema: JSON.stringify({
        type: 'record',
        name: 'P',
        fields: [{ name: 'id', type: 'string' }]
      })
    })
    const server = await serve(r)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const res = await fetch(`${server.url}/subjects/payments-value/versions/latest`)
    expect(res.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json')
    expect(await res.json()).toMatchObject({ subject: 'payments-value', version: 1, id })
  })

  it('asks for basic auth when the settings name a user', async () => {
    const server = await serve(registry(), 'sr:pw')
    const host = `127.0.0.1:${server.port}`
    const auth = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`
    const none = await get(server.port, '/subjects', { host })
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toEqual({ error_code: 401, message: 'Unauthorized' })
    expect(
      (await get(server.port, '/subjects', { host, authorization: auth('sr:no') })).status
    ).toBe(401)
    const ok = await get(server.port, '/subjects', { host, authorization: auth('sr:pw') })
    expect(ok).toEqual({ status: 200, body: '[]' })
  })

  it('refuses a Host or Origin that is not this server', async () => {
    const server = await serve(registry())
    const other = await get(server.port, '/subjects', { host: `rebound.example:${server.port}` })
    expect(other.status).toBe(403)
    expect(JSON.parse(other.body)).toMatchObject({ error_code: 403 })
    const origin = await get(server.port, '/subjects', {
      host: `localhost:${server.port}`,
      origin: 'http://evil.example'
    })
    expect(origin.status).toBe(403)
  })

  it('says the port is in use rather than serving elsewhere', async () => {
    const first = await serve(registry())
    await expect(
      serveSchemaRegistry(registry(), { port: first.port, basicAuth: null, tls: null }, '127.0.0.1')
    ).rejects.toThrow(
      `the schema registry cannot listen on 127.0.0.1:${first.port}: the port is already in use`
    )
  })
})

describe('schema registry over HTTPS', () => {
  let dir: string
  let mine: ReturnType<typeof writeDevCertificates>
  let other: ReturnType<typeof writeDevCertificates>
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-registry-tls-'))
    mine = writeDevCertificates(join(dir, 'mine'))
    other = writeDevCertificates(join(dir, 'other'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const start = (cert: string, key: string, ca: string | null = null) =>
    serveSchemaRegistry(
      registry(),
      { port: 0, basicAuth: null, tls: { cert, key, ca } },
      '127.0.0.1'
    )

  it('refuses files it cannot serve with, naming the flag and the file', async () => {
    await expect(start(mine.cert, other.key)).rejects.toThrow(
      `--schema-registry-tls-key ${other.key} is not the key of --schema-registry-tls-cert ${mine.cert}`
    )
    await expect(start(mine.key, mine.key)).rejects.toThrow(
      `--schema-registry-tls-cert ${mine.key} holds no certificate (PEM)`
    )
    await expect(start(mine.cert, mine.cert)).rejects.toThrow(
      `--schema-registry-tls-key ${mine.cert} holds no private key (PEM)`
    )
    await expect(start(mine.cert, mine.key, mine.clientKey)).rejects.toThrow(
      `--schema-registry-tls-ca ${mine.clientKey} holds no certificate (PEM)`
    )
    await expect(start(mine.cert, join(dir, 'none.pem'))).rejects.toThrow(
      `--schema-registry-tls-key ${join(dir, 'none.pem')} cannot be read`
    )
  })

  it('takes its own https:// origin, and refuses the http:// one', async () => {
    const served = (await start(mine.cert, mine.key))!
    cleanup.push(() => served.close())
    const ca = readFileSync(mine.ca)
    const at = (origin: string) =>
      get(served.port, '/subjects', { host: `localhost:${served.port}`, origin }, ca)
    expect(await at(`https://localhost:${served.port}`)).toEqual({ status: 200, body: '[]' })
    expect(await at(`https://127.0.0.1:${served.port}`)).toEqual({ status: 200, body: '[]' })
    expect((await at(`http://localhost:${served.port}`)).status).toBe(403)
  })

  it("serves HTTP and HTTPS on two ports, as Confluent's two listeners, when given both", async () => {
    const r = registry()
    const served = (await serveSchemaRegistry(
      r,
      {
        port: 0,
        basicAuth: null,
        tls: { cert: mine.cert, key: mine.key, ca: null },
        httpsPort: 0
      },
      '127.0.0.1'
    ))!
    cleanup.push(() => served.close())
    const [httpUrl, httpsUrl] = served.urls
    expect(served.url).toBe(httpUrl)
    // Both addresses are printed, by logdeck serve and by the desktop app alike.
    expect(registryAddressLines(served)).toEqual([
      `Schema registry: ${httpUrl}`,
      `Schema registry (HTTPS): ${httpsUrl}`
    ])
    expect(httpUrl).toBe(`http://127.0.0.1:${served.port}`)
    expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const httpsPort = Number(new URL(httpsUrl).port)
    expect(httpsPort).not.toBe(served.port)
    // One registry behind both: what one is told, the other answers.
    const registered = await fetch(`${httpUrl}/subjects/both-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' })
    })
    expect(registered.status).toBe(200)
    const ca = readFileSync(mine.ca)
    expect(await get(httpsPort, '/subjects', { host: `localhost:${httpsPort}` }, ca)).toEqual({
      status: 200,
      body: '["both-value"]'
    })
    // Each checks its own origin.
    expect(
      (
        await get(
          httpsPort,
          '/subjects',
          { host: `localhost:${httpsPort}`, origin: `http://localhost:${httpsPort}` },
          ca
        )
      ).status
    ).toBe(403)
    await served.close()
    await expect(fetch(`${httpUrl}/subjects`)).rejects.toThrow()
  })

  it('serves with a certificate and its key, and with a CA', async () => {
    const served = await start(mine.cert, mine.key, mine.ca)
    expect(served?.url).toBe(`https://127.0.0.1:${served!.port}`)
    await served!.close()
  })
})
