// Connection limits as Kafka's ConnectionQuotas enforce them, per broker: over max.connections
// (or listener.name.<listener>.max.connections) the broker's acceptor waits, holding the new
// connection, until one of its connections closes, and then serves it; over
// max.connections.per.ip (or its overrides) a connection is closed; past
// socket.listen.backlog.size waiting connections, more are closed. A real client (kcat) waits
// and then gets its metadata. Nothing here is timed: each step waits for the broker's log line
// or the answer.
import { spawn } from 'node:child_process'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'
import { apiVersionsFrame } from '../../support/kafka-request'

const closing: (() => Promise<unknown>)[] = []
const sockets: net.Socket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  for (const close of closing.splice(0).reverse()) await close()
})

/** A connection that sent ApiVersions: whether it was answered, and whether it was closed. */
interface Probe {
  socket: net.Socket
  answered: () => boolean
  closed: () => boolean
}

function probe(port: number): Probe {
  let answered = false
  let closed = false
  const socket = net.connect({ host: '127.0.0.1', port }, () =>
    socket.write(apiVersionsFrame('limits-test'))
  )
  socket.on('data', () => (answered = true))
  socket.on('error', () => socket.destroy())
  socket.on('close', () => (closed = true))
  sockets.push(socket)
  return { socket, answered: () => answered, closed: () => closed }
}

async function answeredProbe(port: number): Promise<Probe> {
  const p = probe(port)
  await waitFor('an answer', p.answered, 30_000)
  return p
}

const logged = (c: TestCluster, text: string) => c.logs.filter((l) => l.includes(text)).length

async function cluster(brokers: number, brokerConfigs: Record<string, string>) {
  const c = await startTestCluster({ brokers, brokerConfigs })
  closing.push(() => c.close())
  return c
}

describe('max.connections', () => {
  it("counts each broker's connections, holds the acceptor at the limit and serves the waiting connection once one closes", async () => {
    const c = await cluster(2, { 'max.connections': '2' })
    const [b0, b1] = c.listeners.map((l) => l.port)
    const first = await answeredProbe(b0)
    await answeredProbe(b0)
    const third = probe(b0)
    await waitFor('the acceptor to wait', () => logged(c, 'max.connections (2) reached') === 1)
    expect(c.logs.join('\n')).toMatch(/broker 0: max\.connections \(2\) reached: .* waits/)
    expect(third.answered()).toBe(false)
    expect(third.closed()).toBe(false)

    // Broker 1 counts its own connections.
    await answeredProbe(b1)
    await answeredProbe(b1)

    first.socket.destroy()
    await waitFor('the waiting connection to be served', third.answered, 30_000)
    expect(third.closed()).toBe(false)
  })

  it('applies a value set for one broker at run time, and its listener form, and frees the acceptor when raised', async () => {
    const c = await cluster(2, {})
    const [b0, b1] = c.listeners.map((l) => l.port)
    c.engine.alterBrokerConfigs({
      brokerId: 1,
      set: { 'listener.name.plaintext.max.connections': '1' },
      remove: []
    })
    // Another listener's limit does not apply to this PLAINTEXT one.
    c.engine.alterBrokerConfigs({
      brokerId: 0,
      set: { 'listener.name.ssl.max.connections': '1' },
      remove: []
    })
    for (let i = 0; i < 3; i++) await answeredProbe(b0)

    await answeredProbe(b1)
    const waiting = probe(b1)
    await waitFor('the acceptor to wait', () =>
      c.logs.some((l) =>
        l.includes('broker 1: listener.name.plaintext.max.connections (1) reached')
      )
    )
    expect(waiting.answered()).toBe(false)
    c.engine.alterBrokerConfigs({
      brokerId: 1,
      set: { 'listener.name.plaintext.max.connections': '2' },
      remove: []
    })
    await waitFor('the raised limit to serve it', waiting.answered, 30_000)
    expect(logged(c, 'broker 0: ')).toBe(0)
  })

  it('keeps kcat waiting for its connection, which then gets the metadata', async () => {
    const c = await cluster(1, { 'max.connections': '1' })
    const port = c.listeners[0].port
    const holder = await answeredProbe(port)
    const child = spawn('kcat', ['-b', `127.0.0.1:${port}`, '-L', '-m', '60'])
    closing.push(async () => child.kill())
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await waitFor('kcat to wait', () => logged(c, 'waits until one closes') > 0, 30_000)
    expect(out).toBe('')
    holder.socket.destroy()
    expect(await exited).toBe(0)
    expect(out).toContain('1 brokers')
    // Held, never closed: kcat's first connection is the one served.
    expect(logged(c, 'refusing')).toBe(0)
  })

  it('closes connections past socket.listen.backlog.size while the acceptor waits', async () => {
    const c = await cluster(1, { 'max.connections': '1', 'socket.listen.backlog.size': '2' })
    const port = c.listeners[0].port
    const holder = await answeredProbe(port)
    const held = probe(port)
    await waitFor('the acceptor to wait', () => logged(c, 'max.connections (1) reached') > 0)
    const queued = [probe(port), probe(port)]
    const extra = probe(port)
    await waitFor('the extra connection to close', extra.closed, 30_000)
    expect(logged(c, 'socket.listen.backlog.size (2)')).toBe(1)
    expect(queued.some((p) => p.closed())).toBe(false)
    // Each closing connection lets the next waiting one in, in order.
    holder.socket.destroy()
    await waitFor('the held connection', held.answered, 30_000)
    held.socket.destroy()
    await waitFor('the first queued one', queued[0].answered, 30_000)
    queued[0].socket.destroy()
    await waitFor('the second queued one', queued[1].answered, 30_000)
  })
})

describe('max.connections.per.ip', () => {
  it('closes a connection over its address bound, max.connections.per.ip.overrides before the default', async () => {
    const c = await cluster(2, {
      'max.connections.per.ip': '3',
      'max.connections.per.ip.overrides': 'localhost:1'
    })
    const [b0, b1] = c.listeners.map((l) => l.port)
    await answeredProbe(b0)
    const second = probe(b0)
    await waitFor('the second connection to close', second.closed, 30_000)
    expect(second.answered()).toBe(false)
    expect(c.logs.join('\n')).toMatch(
      /broker 0: refusing a connection from 127\.0\.0\.1: max\.connections\.per\.ip\.overrides \(1\) reached/
    )
    // Per broker: broker 1 takes one from the same address.
    await answeredProbe(b1)

    c.engine.alterBrokerConfigs({
      brokerId: null,
      set: { 'max.connections.per.ip.overrides': '' },
      remove: []
    })
    await answeredProbe(b0)
    await answeredProbe(b0)
    const fourth = probe(b0)
    await waitFor('the fourth connection to close', fourth.closed, 30_000)
    expect(c.logs.join('\n')).toMatch(/max\.connections\.per\.ip \(3\) reached for 127\.0\.0\.1/)
  })

  it('refuses an override that is not a list of host:count', () => {
    return expect(
      cluster(1, { 'max.connections.per.ip.overrides': '127.0.0.1=5' })
    ).rejects.toThrow(/max\.connections\.per\.ip\.overrides/)
  })
})
