// Each broker on a port of its own (as a compose file's services publish them): the first
// listener's and another listener's ports given per broker, not PORT + i. kcat bootstrapped on
// any one broker of either listener is told every broker at its own port, produces batches there
// (linger.ms) and reads them back; a stopped broker comes back on the same port.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

let cluster: TestCluster
const first: number[] = []
const extra: number[] = []

beforeAll(async () => {
  for (let i = 0; i < 3; i++) first.push(await freePort())
  for (let i = 0; i < 3; i++) extra.push(await freePort())
  cluster = await startTestCluster({
    brokerPorts: first,
    listeners: [{ name: 'EXTRA', securityProtocol: 'PLAINTEXT', port: 0, brokerPorts: extra }]
  })
})
afterAll(async () => {
  await cluster?.close()
})

const at = (ports: number[]) => ports.map((p) => `127.0.0.1:${p}`)

describe('brokers on ports of their own', () => {
  it('listens where each broker is given, on both listeners', () => {
    expect(cluster.listeners.map((l) => l.port)).toEqual(first)
    expect(cluster.endpoints[1].addresses.map((a) => a.port)).toEqual(extra)
  })

  it('tells kcat on any broker of a listener every broker at its own port, and takes batches', async () => {
    for (const [ports, topic] of [
      [first, 'own-ports-first'],
      [extra, 'own-ports-extra']
    ] as const) {
      const meta = await kcat(['-b', at(ports)[2], '-L'])
      for (const [i, address] of at(ports).entries())
        expect(meta.stdout).toContain(`broker ${i} at ${address}`)
      const lines = Array.from({ length: 30 }, (_, j) => `k${j % 3}:${topic}-${j}`).join('\n')
      const produced = await kcat(
        ['-b', at(ports)[1], '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=100'],
        `${lines}\n`
      )
      expect(produced.code, produced.stderr).toBe(0)
      const consumed = await kcat([
        '-b',
        at(ports)[0],
        '-C',
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-q'
      ])
      expect(consumed.stdout.trim().split('\n').sort()).toEqual(
        Array.from({ length: 30 }, (_, j) => `${topic}-${j}`).sort()
      )
    }
  })

  it('opens a stopped broker again on its own ports', async () => {
    await cluster.service.call('brokers.stop', { brokerId: 1 })
    await cluster.service.call('brokers.start', { brokerId: 1 })
    const meta = await kcat(['-b', at(extra)[1], '-L'])
    expect(meta.code, meta.stderr).toBe(0)
    expect(meta.stdout).toContain(`broker 1 at 127.0.0.1:${extra[1]}`)
    expect(cluster.listeners.map((l) => l.port)).toEqual(first)
  })
})
