// No single request freezes the broker: a Metadata request naming 20,000 unknown topics (each
// auto-created) while the HTTP API keeps answering cluster.describe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { kafkaRequest } from '../support/kafka-request'
import { ApiKey } from '../../src/engine/kafka/protocol'

let server: ServeProcess

beforeAll(async () => {
  server = await startServe(['--in-memory', '--port', '0', '--ui-port', '0', '--token', 'stall'])
})
afterAll(async () => {
  await server?.stop()
})

async function describeCluster(): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.apiBase}/api/cluster.describe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer stall' },
    body: '{}'
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

/** Calls cluster.describe back to back until stopped; returns each call's latency (ms). */
function pollDescribe(): { stop: () => Promise<number[]> } {
  const latencies: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      await describeCluster()
      latencies.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 10))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return latencies
    }
  }
}

describe('a request that would create 20,000 topics', () => {
  it('creates at most max.topics.per.request of them while cluster.describe keeps answering', async () => {
    const port = Number(server.bootstrap.split(',')[0].split(':')[1])
    const names = Array.from({ length: 20_000 }, (_, i) => `auto.${i}`)
    const poll = pollDescribe()
    await new Promise((r) => setTimeout(r, 50))
    const started = performance.now()
    // Metadata v1: auto-creation is implied before v4.
    const { body } = await kafkaRequest(port, ApiKey.Metadata, 1, {
      topics: names.map((name) => ({ name }))
    })
    const took = performance.now() - started
    await new Promise((r) => setTimeout(r, 50))
    const latencies = await poll.stop()
    const worst = Math.max(...latencies)
    console.log(
      `Metadata naming 20,000 new topics answered in ${took.toFixed(0)} ms; ` +
        `cluster.describe answered ${latencies.length} times meanwhile, worst ${worst.toFixed(1)} ms`
    )
    expect(body.topics).toHaveLength(20_000)
    const created = body.topics.filter((t) => t.errorCode === 0)
    const refused = body.topics.filter((t) => t.errorCode !== 0)
    expect(created).toHaveLength(1000)
    expect(new Set(refused.map((t) => t.errorCode))).toEqual(new Set([5])) // LEADER_NOT_AVAILABLE
    const cluster = await describeCluster()
    expect(cluster.topicCount).toBe(1000)
    // The target is 200 ms; the bound is loose so that a busy machine does not fail the test,
    // yet far below the seconds a blocked event loop takes.
    expect(latencies.length).toBeGreaterThan(1)
    expect(worst).toBeLessThan(1500)
  })
})
