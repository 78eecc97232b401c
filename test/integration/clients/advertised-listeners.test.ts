// `logdeck serve --advertised-listener EXTERNAL=127.0.0.1:PORT` (Kafka's advertised.listeners):
// the EXTERNAL listener's brokers listen on free ports and are advertised on PORT+i, where TCP
// forwarders stand in for a port mapping. kcat and kafkajs bootstrapped on the forwarders keep
// to them: batched records produced with kcat are consumed by a kafkajs group, and kafkajs's
// batches by a kcat group, every connection going through the forwarders; the PLAINTEXT listener
// is unaffected. Without the forwarders, a client bootstrapped on the bound port is sent to the
// advertised ports and fails, naming them. With one address per broker (forwarders on ports in
// no order), kcat lists each broker at its own and produces and consumes through every one.
// kafka-python's describe_configs of a broker lists its advertised.listeners as Kafka 4 does, and
// its alter_configs of them is refused, as Kafka 4 changes them only at start.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { startForwarders, type Forwarders } from '../../support/tcp-forwarder'
import { kcat, python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

let server: ServeProcess
let forwarders: Forwarders

/** Per broker, the EXTERNAL listener's bound and advertised ports as `logdeck serve` printed them. */
function printedExternal(): { bound: number; advertised: number }[] {
  const lines = server
    .output()
    .matchAll(
      /^Kafka listener EXTERNAL \(PLAINTEXT\): broker (\d) at 127\.0\.0\.1:(\d+), advertised as 127\.0\.0\.1:(\d+)$/gm
    )
  const out: { bound: number; advertised: number }[] = []
  for (const [, id, bound, advertised] of lines)
    out[Number(id)] = { bound: Number(bound), advertised: Number(advertised) }
  return out
}

/** `logdeck serve` with 3 brokers, 3 partitions a topic, and an EXTERNAL listener advertised. */
function serveAdvertisingExternal(advertised: string): Promise<ServeProcess> {
  return startServe([
    '--in-memory',
    '--brokers',
    '3',
    '--port',
    '0',
    '--no-ui',
    '--no-schema-registry',
    '--listener',
    'EXTERNAL=plaintext:0',
    '--advertised-listener',
    advertised,
    '--broker-config',
    'num.partitions=3'
  ])
}

/** kafka-python 2.0.2: the named configs of a broker, with their synonyms. */
const DESCRIBE_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
out = {}
for r in a.describe_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2])], include_synonyms=True):
    for res in r.resources:
        for name, value, read_only, source, sensitive, synonyms in res[4]:
            out[name] = {'value': value, 'readOnly': read_only, 'source': source,
                         'synonyms': [list(s) for s in synonyms]}
a.close()
print(json.dumps({k: out[k] for k in sys.argv[3:] if k in out}))
`

/** kafka-python 2.0.2: AlterConfigs of one config of a broker; the resource's error code and message. */
const ALTER_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
r = a.alter_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2], {sys.argv[3]: sys.argv[4]})])
a.close()
print(json.dumps(list(r.resources[0][:2])))
`

const advertisedBootstrap = () => forwarders.list.map((f) => `127.0.0.1:${f.port}`).join(',')

beforeAll(async () => {
  forwarders = await startForwarders(3)
  server = await serveAdvertisingExternal(`external=127.0.0.1:${forwarders.firstPort}`)
  // Each forwarder pipes its broker's advertised port to the port it listens on.
  for (const [id, { bound }] of printedExternal().entries())
    forwarders.list[id].target = { host: '127.0.0.1', port: bound }
}, 60_000)
afterAll(async () => {
  await server?.stop()
  await forwarders?.close()
})

describe('a listener advertised on other ports than it listens on', () => {
  it('prints where each broker listens and where it is advertised, and bootstraps on the latter', () => {
    const external = printedExternal()
    expect(external.map((e) => e.advertised)).toEqual(forwarders.list.map((f) => f.port))
    for (const e of external) expect(e.bound).not.toBe(e.advertised)
    expect(server.output()).toContain(
      `Bootstrap servers EXTERNAL (PLAINTEXT): ${advertisedBootstrap()}\n`
    )
    // The first listener is not advertised elsewhere.
    expect(server.output()).toMatch(/^Kafka listener: broker 0 at 127\.0\.0\.1:\d+$/m)
  })

  it('kcat -L through the forwarders lists the advertised ports; on PLAINTEXT the bound ones', async () => {
    const r = await kcat(['-b', `127.0.0.1:${forwarders.firstPort}`, '-L', '-J'])
    expect(r.code, r.stderr).toBe(0)
    const names = (JSON.parse(r.stdout) as { brokers: { id: number; name: string }[] }).brokers
      .sort((a, b) => a.id - b.id)
      .map((b) => b.name)
    expect(names.join(',')).toBe(advertisedBootstrap())
    const plain = await kcat(['-b', server.bootstrap, '-L', '-J'])
    expect(plain.code, plain.stderr).toBe(0)
    const plainNames = (
      JSON.parse(plain.stdout) as { brokers: { id: number; name: string }[] }
    ).brokers
      .sort((a, b) => a.id - b.id)
      .map((b) => b.name)
    expect(plainNames.join(',')).toBe(server.bootstrap)
  })

  it('kcat produces batches through the forwarders and a kafkajs group consumes them', async () => {
    const before = forwarders.list.map((f) => f.forwarded)
    const records = Array.from({ length: 300 }, (_, i) => `k${i % 12}:order-${i}`)
    const produced = await kcat(
      ['-b', advertisedBootstrap(), '-P', '-t', 'orders', '-K', ':', '-X', 'linger.ms=50'],
      records.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const kafka = new Kafka({
      brokers: [`127.0.0.1:${forwarders.firstPort}`],
      logLevel: logLevel.NOTHING
    })
    const consumer = kafka.consumer({ groupId: 'order-readers' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'orders', fromBeginning: true })
    const seen: string[] = []
    const partitions = new Set<number>()
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        partitions.add(partition)
        seen.push(`${String(message.key)}:${String(message.value)}`)
      }
    })
    await waitFor('the kafkajs group to consume 300 records', () => seen.length >= 300)
    const admin = kafka.admin()
    await admin.connect()
    const group = (await admin.describeGroups(['order-readers'])).groups[0]
    const { brokers } = await admin.describeCluster()
    await admin.disconnect()
    await consumer.disconnect()
    expect(seen.sort()).toEqual([...records].sort())
    expect(partitions).toEqual(new Set([0, 1, 2]))
    expect(group.state).toBe('Stable')
    expect(
      brokers
        .sort((a, b) => a.nodeId - b.nodeId)
        .map((b) => `${b.host}:${b.port}`)
        .join(',')
    ).toBe(advertisedBootstrap())
    // Every broker was reached through its forwarder.
    forwarders.list.forEach((f, i) => expect(f.forwarded).toBeGreaterThan(before[i]))
  })

  it('kafkajs produces batches through the forwarders and a kcat group consumes them', async () => {
    const kafka = new Kafka({
      brokers: advertisedBootstrap().split(','),
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    await producer.connect()
    const values = Array.from({ length: 120 }, (_, i) => `payment-${i}`)
    await producer.sendBatch({
      topicMessages: [
        { topic: 'payments', messages: values.map((value, i) => ({ key: `p${i % 7}`, value })) }
      ]
    })
    await producer.disconnect()
    const consumed = await kcat([
      '-b',
      `127.0.0.1:${forwarders.firstPort}`,
      '-G',
      'payment-readers',
      '-X',
      'auto.offset.reset=earliest',
      '-c',
      '120',
      '-q',
      '-f',
      '%s\\n',
      'payments'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...values].sort())
  })

  it('kafka-python: DescribeConfigs of a broker lists its advertised.listeners, read-only, as given at start', async () => {
    const r = await python(DESCRIBE_BROKER, [server.bootstrap, '1', 'advertised.listeners'])
    expect(r.code, r.stderr).toBe(0)
    const plainPort = Number(server.bootstrap.split(',')[1].split(':')[1])
    const value = `PLAINTEXT://127.0.0.1:${plainPort},EXTERNAL://127.0.0.1:${forwarders.list[1].port}`
    // ConfigSource 4 is STATIC_BROKER_CONFIG; Kafka 4 changes advertised.listeners only at start.
    expect(JSON.parse(r.stdout)).toEqual({
      'advertised.listeners': {
        value,
        readOnly: true,
        source: 4,
        synonyms: [['advertised.listeners', value, 4]]
      }
    })
  })

  it('kafka-python: AlterConfigs of advertised.listeners is refused, as Kafka 4 changes it only at start', async () => {
    const r = await python(ALTER_BROKER, [
      server.bootstrap,
      '1',
      'advertised.listeners',
      'PLAINTEXT://127.0.0.1:1'
    ])
    expect(r.code, r.stderr).toBe(0)
    // 42 is INVALID_REQUEST, as Kafka answers a config it does not change at run time.
    expect(JSON.parse(r.stdout)).toEqual([
      42,
      "Cannot update these configs dynamically: Set(advertised.listeners); a broker's listeners are given at start (--listener, --advertised-listener)"
    ])
    const described = await python(DESCRIBE_BROKER, [server.bootstrap, '1', 'advertised.listeners'])
    expect(described.code, described.stderr).toBe(0)
    const plainPort = Number(server.bootstrap.split(',')[1].split(':')[1])
    expect(JSON.parse(described.stdout)['advertised.listeners'].value).toBe(
      `PLAINTEXT://127.0.0.1:${plainPort},EXTERNAL://127.0.0.1:${forwarders.list[1].port}`
    )
  })

  it('without the forwarders, a client on the bound port is sent to the advertised ports and fails', async () => {
    await forwarders.close()
    const bound = printedExternal()
      .map((e) => `127.0.0.1:${e.bound}`)
      .join(',')
    // The bootstrap answer still comes: it names the advertised ports.
    const listed = await kcat(['-b', bound, '-L', '-J'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toContain(`"name":"127.0.0.1:${forwarders.firstPort}"`)
    const produced = await kcat(
      ['-b', bound, '-P', '-t', 'orders', '-X', 'message.timeout.ms=3000'],
      'lost\n'
    )
    expect(produced.code).not.toBe(0)
    const advertisedPorts = forwarders.list.map((f) => f.port).join('|')
    expect(produced.stderr).toMatch(
      new RegExp(`Connect to ipv4#127\\.0\\.0\\.1:(${advertisedPorts}) failed: Connection refused`)
    )
    expect(produced.stderr).toMatch(/Delivery failed for message: Local: Message timed out/)
    const kafka = new Kafka({
      brokers: [bound.split(',')[0]],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 }
    })
    const producer = kafka.producer()
    await producer.connect()
    const failure = await producer.send({ topic: 'orders', messages: [{ value: 'lost' }] }).then(
      () => 'sent',
      (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message}`
    )
    await producer.disconnect()
    expect(failure).toMatch(
      new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:(${forwarders.list.map((f) => f.port).join('|')})`)
    )
  })
})

describe('one advertised address per broker (NAME=HOST0:PORT0,HOST1:PORT1,...)', () => {
  let own: ServeProcess
  /** One forwarder per broker, each started on its own (ports in no order). */
  let singles: Forwarders[]
  const ports = () => singles.map((f) => f.firstPort)

  beforeAll(async () => {
    singles = [await startForwarders(1), await startForwarders(1), await startForwarders(1)]
    own = await serveAdvertisingExternal(
      `EXTERNAL=${ports()
        .map((p) => `127.0.0.1:${p}`)
        .join(',')}`
    )
    const bound = [
      ...own
        .output()
        .matchAll(/^Kafka listener EXTERNAL \(PLAINTEXT\): broker (\d) at 127\.0\.0\.1:(\d+), /gm)
    ]
    for (const [, id, port] of bound)
      singles[Number(id)].list[0].target = { host: '127.0.0.1', port: Number(port) }
  }, 60_000)
  afterAll(async () => {
    await own?.stop()
    for (const f of singles ?? []) await f.close()
  })

  it('kcat -L lists each broker at its own address, and records go through every one', async () => {
    const listed = await kcat(['-b', `127.0.0.1:${ports()[1]}`, '-L', '-J'])
    expect(listed.code, listed.stderr).toBe(0)
    const names = (JSON.parse(listed.stdout) as { brokers: { id: number; name: string }[] }).brokers
      .sort((a, b) => a.id - b.id)
      .map((b) => b.name)
    expect(names).toEqual(ports().map((p) => `127.0.0.1:${p}`))
    expect(own.output()).toContain(`Bootstrap servers EXTERNAL (PLAINTEXT): ${names.join(',')}\n`)

    const before = singles.map((f) => f.list[0].forwarded)
    const records = Array.from({ length: 120 }, (_, i) => `k${i % 12}:v${i}`)
    const bootstrap = `127.0.0.1:${ports()[2]}`
    const produced = await kcat(
      ['-b', bootstrap, '-P', '-t', 'spread', '-K', ':', '-X', 'linger.ms=50'],
      records.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await kcat([
      '-b',
      bootstrap,
      '-C',
      '-t',
      'spread',
      '-K',
      ':',
      '-o',
      'beginning',
      '-e',
      '-q'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...records].sort())
    // Each broker, leading one of the 3 partitions, was reached through its own forwarder.
    singles.forEach((f, i) => expect(f.list[0].forwarded).toBeGreaterThan(before[i]))
  })
})
