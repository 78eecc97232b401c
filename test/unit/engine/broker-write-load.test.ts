// cluster.describe's write load per broker (bytesInPerSec, what "Move to a cooler broker" weighs)
// is the sum of the produce rates topics.describe gives the partitions it leads, over the same
// window: the remedy sets one beside the other.
import { afterEach, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { encodeBatch } from '../../../src/engine/records'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

it("a broker's write load is the sum of its partitions' rates as topics.describe gives them", async () => {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 3, port: 0 })
  engines.push(engine)
  const svc = createService(embeddedBackend(engine))
  await svc.call('topics.create', { name: 'orders', partitions: 6, replicationFactor: 1 })
  const topic = engine.requireTopic('orders')
  // Batches of 20 records, more into the low partitions.
  for (const p of topic.partitions)
    for (let b = 0; b < 6 - p.partition; b++)
      engine.appendAsLeader(
        topic,
        p.partition,
        encodeBatch(
          Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'x'.repeat(50 + i) })),
          { now: Date.now() }
        ),
        1
      )
  // Rates count whole seconds: wait for the second of the appends to be over.
  await expect
    .poll(
      async () =>
        (await svc.call('topics.describe', { name: 'orders' })).partitions[0].bytesPerSec,
      { timeout: 5000, interval: 100 }
    )
    .toBeGreaterThan(0)
  const [cluster, described] = await Promise.all([
    svc.call('cluster.describe', {}),
    svc.call('topics.describe', { name: 'orders' })
  ])
  const led = new Map<number, number>()
  for (const p of described.partitions)
    led.set(p.leader, (led.get(p.leader) ?? 0) + (p.bytesPerSec ?? 0))
  expect(led.size).toBeGreaterThan(1)
  for (const b of cluster.brokers)
    expect(b.bytesInPerSec, `broker ${b.id}`).toBe(Math.round(led.get(b.id) ?? 0))
})
