// The renderer's transports hand the console an error code, never a text to parse: over HTTP
// from the real server, over the IPC path's envelopes as the Electron main process answers
// them, and UNREACHABLE when no answer comes at all.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import { startHttpServer } from '../../../src/server/http-server'
import { httpTransport, ipcTransport } from '../../../src/renderer/src/api/transport'
import { CallError } from '../../../src/renderer/src/api/call-error'
import { methodNames, type LogdeckBridge } from '../../../src/shared/contract'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function service(): Service {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  closers.push(() => engine.close())
  return createService(embeddedBackend(engine))
}

async function failure(p: Promise<unknown>): Promise<CallError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e
  )
  if (err instanceof CallError) return err
  throw new Error(`expected a CallError, got ${String(err)}`)
}

/** The preload bridge as the main process answers it: each method through service.answer. */
function bridgeOf(svc: Service, trusted: boolean): LogdeckBridge {
  const api = Object.fromEntries(
    methodNames.map((m) => [
      m,
      (params: unknown) =>
        trusted ? svc.answer(m, params) : Promise.resolve(svc.refusal('Unknown sender'))
    ])
  )
  return { api: api as LogdeckBridge['api'], on: () => () => undefined }
}

describe('httpTransport', () => {
  it('rejects with the code, message and field the server answered', async () => {
    const server = await startHttpServer({
      service: service(),
      host: '127.0.0.1',
      port: 0,
      token: 'secret'
    })
    closers.push(() => server.close())
    const t = httpTransport(server.url, 'secret')
    expect(await t.call('topics.list', {})).toEqual({ topics: [] })
    const missing = await failure(t.call('topics.describe', { name: 'nope' }))
    expect(missing.code).toBe('NOT_FOUND')
    const bad = await failure(
      t.call('topics.create', { name: 'x', partitions: 0, replicationFactor: 1 })
    )
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', field: 'partitions' })
    const wrongToken = await failure(httpTransport(server.url, 'guess').call('topics.list', {}))
    expect(wrongToken.code).toBe('UNAUTHORIZED')
  })

  it('rejects with UNREACHABLE when nothing answers', async () => {
    const server = await startHttpServer({
      service: service(),
      host: '127.0.0.1',
      port: 0,
      token: 'secret'
    })
    await server.close()
    const err = await failure(httpTransport(server.url, 'secret').call('topics.list', {}))
    expect(err.code).toBe('UNREACHABLE')
  })
})

describe('ipcTransport', () => {
  it("rejects with the code of the main process's envelope, FORBIDDEN for an untrusted sender", async () => {
    const svc = service()
    const t = ipcTransport(bridgeOf(svc, true))
    expect(await t.call('topics.list', {})).toEqual({ topics: [] })
    expect((await failure(t.call('topics.describe', { name: 'nope' }))).code).toBe('NOT_FOUND')
    const bad = await failure(
      t.call('topics.create', { name: 'x', partitions: 0, replicationFactor: 1 })
    )
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', field: 'partitions' })
    const refused = await failure(ipcTransport(bridgeOf(svc, false)).call('topics.list', {}))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'Unknown sender' })
  })
})
