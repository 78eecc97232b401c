// What `logdeck serve` loads before it says "ready": the client library for real clusters, the
// schema registry's format libraries, the compression codecs, the CRC-32C and XXH3 modules and
// gRPC are loaded on first use, not at start (as are the keystore readers, node-forge and
// jks-js), so the embedded cluster starts without waiting for them; zod is part of the build
// (what the contract's schemas use of it), not 95 modules read at each start.
// node:tls (and node:https) load only when something speaks TLS.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { Producer, stringSerializers } from '@platformatic/kafka'
import { waitFor } from '../support/wait-for'

const ROOT = join(__dirname, '..', '..')
const tmp = mkdtempSync(join(tmpdir(), 'logdeck-startup-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A preload that reports each load of the client, schema, codec and zod libraries on stderr. */
const HOOK = `
const Module = require('node:module')
const load = Module._load
Module._load = function (request, ...rest) {
  if (/^(@platformatic\\/kafka|@grpc\\/grpc-js|avsc|protobufjs|ajv|snappy|lz4-napi|@node-rs\\/crc32|@node-rs\\/xxhash|node:zlib|zod|node-forge|jks-js)($|\\/)/.test(request)) process.stderr.write('LOADED ' + request + '\\n')
  if (/^(node:)?(tls|https)$/.test(request)) process.stderr.write('BUILTIN ' + request + '\\n')
  return load.call(this, request, ...rest)
}
`

/** `logdeck serve --in-memory` under the preload; its output so far, as it grows. */
function startHookedServe(args = ['--ui-port', '0']) {
  const hook = join(tmp, 'hook.cjs')
  writeFileSync(hook, HOOK)
  const child = spawn(
    process.execPath,
    [
      '--require',
      hook,
      join(ROOT, 'bin', 'logdeck.cjs'),
      'serve',
      '--in-memory',
      '--port',
      '0',
      ...args
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return { child, stdout: () => out, stderr: () => err }
}

it('starts without the Kafka client or schema libraries and loads each on first use', async () => {
  const { child, stdout, stderr } = startHookedServe()
  try {
    await waitFor('ready', () => /^ready$/m.test(stdout()), 60_000)
    expect(stderr()).not.toContain('LOADED')

    const api = /API: POST (http:\/\/\S+)\/api\/<method> with Authorization: Bearer (\S+)/.exec(
      stdout()
    )
    expect(api).not.toBeNull()
    const res = await fetch(`${api![1]}/api/connections.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api![2]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ definition: { name: 'nowhere', bootstrapServers: ['127.0.0.1:1'] } })
    })
    // Unreachable: the answer names the address, after the library was loaded to try it.
    expect(await res.text()).toContain('127.0.0.1:1')
    await waitFor('the client library loaded', () =>
      stderr().includes('LOADED @platformatic/kafka')
    )

    // The first schema registered loads its format's library.
    const registry = /^Schema registry: (http\S+)$/m.exec(stdout())![1]
    const registered = await fetch(`${registry}/subjects/s-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' })
    })
    expect(await registered.json()).toEqual({ id: 1 })
    await waitFor('the Avro library loaded', () => stderr().includes('LOADED avsc'))
  } finally {
    child.kill('SIGKILL')
  }
})

it('starts without node:tls when neither a listener nor the schema registry speaks TLS', async () => {
  const { child, stdout, stderr } = startHookedServe(['--no-ui'])
  try {
    await waitFor('ready', () => /^ready$/m.test(stdout()), 60_000)
    expect(stdout()).toMatch(/^Schema registry: http:\/\//m)
    expect(stderr()).not.toContain('BUILTIN')
  } finally {
    child.kill('SIGKILL')
  }
})

it('loads the gzip, snappy and LZ4 codecs with the first batch compressed with each', async () => {
  const { child, stdout, stderr } = startHookedServe()
  try {
    await waitFor('ready', () => /^ready$/m.test(stdout()), 60_000)
    expect(stderr()).not.toContain('LOADED')
    const bootstrap = /^Bootstrap servers: (\S+)$/m.exec(stdout())![1].split(',')
    const api = /API: POST (http:\/\/\S+)\/api\/<method> with Authorization: Bearer (\S+)/.exec(
      stdout()
    )!
    const call = async (method: string, params: unknown): Promise<unknown> => {
      const res = await fetch(`${api[1]}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api[2]}`, 'content-type': 'application/json' },
        body: JSON.stringify(params)
      })
      expect(res.status).toBe(200)
      return res.json()
    }
    for (const [codec, library] of [
      ['gzip', 'node:zlib'],
      ['snappy', 'snappy'],
      ['lz4', 'lz4-napi']
    ] as const) {
      const topic = `codec-${codec}`
      await call('topics.create', { name: topic, partitions: 1, replicationFactor: 1 })
      // The test's own client compresses with its own copy of the library.
      const producer = new Producer({
        clientId: `startup-${codec}`,
        bootstrapBrokers: bootstrap,
        serializers: stringSerializers,
        compression: codec
      })
      try {
        await producer.send({ messages: [{ topic, value: 'a' }] })
      } finally {
        await producer.close()
      }
      // The broker inflates the batch to validate it.
      await waitFor(`the ${codec} codec loaded`, () => stderr().includes(`LOADED ${library}`))
      const page = (await call('messages.read', {
        topic,
        partition: 0,
        from: 'earliest',
        limit: 10
      })) as { records: { value: string }[] }
      expect(page.records.map((r) => r.value)).toEqual(['a'])
    }
  } finally {
    child.kill('SIGKILL')
  }
})
