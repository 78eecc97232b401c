// Real clients keeping a cluster busy at once, for shutdown tests: kcat producing in batches
// (linger.ms), kafkajs producing with sendBatch, a kafkajs consumer group kept rebalancing, a
// kafkajs consumer whose Fetch long-polls an empty topic, a librdkafka share consumer and a
// transactional kafkajs producer committing one transaction after another. Each producer
// remembers what the brokers acknowledged, so that a restart can be checked against it.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Kafka, logLevel, type Producer } from 'kafkajs'
import { startShareConsumer, type ShareConsumerProcess } from './share-consumer'
import { waitFor } from './wait-for'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CONSUMERS = fileURLToPath(new URL('./kafkajs-consumers-child.ts', import.meta.url))

export const BUSY_TOPICS = {
  kcat: 'busy-kcat',
  batch: 'busy-batch',
  txn: 'busy-txn',
  group: 'busy-group',
  idle: 'busy-idle',
  share: 'busy-share'
}

/** What the producers were told was written: partition:offset for kcat, values for the others. */
export interface Acknowledged {
  kcat: Set<string>
  batch: Set<string>
  txn: Set<string>
}

export function noneAcknowledged(): Acknowledged {
  return { kcat: new Set(), batch: new Set(), txn: new Set() }
}

function kafka(bootstrap: string, clientId: string) {
  return new Kafka({
    clientId,
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { initialRetryTime: 50, retries: 2 }
  })
}

/** Creates the topics (3 partitions, replication factor 3) and gives the share topic records. */
export async function createBusyTopics(bootstrap: string): Promise<void> {
  const admin = kafka(bootstrap, 'busy-admin').admin()
  await admin.connect()
  await admin.createTopics({
    waitForLeaders: true,
    topics: Object.values(BUSY_TOPICS).map((topic) => ({
      topic,
      numPartitions: topic === BUSY_TOPICS.kcat ? 1 : 3,
      replicationFactor: 3
    }))
  })
  await admin.disconnect()
  const producer = kafka(bootstrap, 'busy-share-seed').producer()
  await producer.connect()
  await producer.send({
    topic: BUSY_TOPICS.share,
    messages: Array.from({ length: 300 }, (_, i) => ({ value: `share-${i}` }))
  })
  await producer.disconnect()
}

export interface BusyClients {
  /** Resolves once every client has done something: an acknowledgement, a join, a record. */
  busy(): Promise<void>
  /** Stops them all (after the cluster has gone: none of them waits for it). */
  stop(): Promise<void>
  /** What every client ran into, for a failure message. */
  describe(): string
}

/** Starts the clients; `round` keeps each round's values and group ids apart. */
export function startBusyClients(
  bootstrap: string,
  round: number,
  acknowledged: Acknowledged
): BusyClients {
  let stopping = false
  const notes: string[] = []
  const note = (what: string) => (err: unknown) => {
    if (!stopping) notes.push(`${what}: ${err instanceof Error ? err.message : String(err)}`)
  }
  const k = kafka(bootstrap, `busy-${round}`)

  // kcat: lines written to its stdin as they come, sent in linger.ms batches, each delivery
  // reported on stderr (-vv) with its partition and offset.
  const kcat = spawn(
    'kcat',
    ['-P', '-vv', '-b', bootstrap, '-t', BUSY_TOPICS.kcat, '-X', 'linger.ms=20'],
    { stdio: ['pipe', 'ignore', 'pipe'] }
  )
  let kcatErr = ''
  kcat.stderr.setEncoding('utf8').on('data', (d: string) => {
    kcatErr += d
    const lines = kcatErr.split('\n')
    kcatErr = lines.pop() ?? ''
    for (const line of lines) {
      const m = /Message delivered to partition (\d+) \(offset (\d+)\)/.exec(line)
      if (m) acknowledged.kcat.add(`${m[1]}:${m[2]}`)
    }
  })
  kcat.stdin.on('error', () => undefined)
  let kcatSent = 0
  const kcatTimer = setInterval(() => {
    const lines = Array.from({ length: 20 }, () => `kcat-${round}-${kcatSent++}`)
    kcat.stdin.write(lines.join('\n') + '\n')
  }, 10)

  // kafkajs sendBatch, acks=all, one batch after another.
  const batchProducer = k.producer({ allowAutoTopicCreation: false })
  const batches = (async () => {
    await batchProducer.connect()
    for (let i = 0; !stopping; i++) {
      const values = Array.from({ length: 30 }, (_, j) => `batch-${round}-${i}-${j}`)
      await batchProducer.sendBatch({
        acks: -1,
        topicMessages: [
          { topic: BUSY_TOPICS.batch, messages: values.map((value) => ({ value })) },
          // The share consumer's food.
          { topic: BUSY_TOPICS.share, messages: [{ value: `share-${round}-${i}` }] }
        ]
      })
      for (const v of values) acknowledged.batch.add(v)
    }
  })().catch(note('sendBatch'))

  // A transactional producer: one transaction after another; committed values are acknowledged.
  const txnProducer = k.producer({
    transactionalId: `busy-txn-${round}`,
    maxInFlightRequests: 1,
    idempotent: true
  })
  const transactions = (async () => {
    await txnProducer.connect()
    for (let i = 0; !stopping; i++) {
      const values = Array.from({ length: 10 }, (_, j) => `txn-${round}-${i}-${j}`)
      const txn = await txnProducer.transaction()
      await txn.send({ topic: BUSY_TOPICS.txn, messages: values.map((value) => ({ value })) })
      await txn.commit()
      for (const v of values) acknowledged.txn.add(v)
    }
  })().catch(note('transaction'))

  // kafkajs consumers, in a process of their own: a group kept rebalancing, a Fetch long-poll.
  const consumers = spawn(
    process.execPath,
    ['--import', 'tsx', CONSUMERS, bootstrap, BUSY_TOPICS.group, BUSY_TOPICS.idle, String(round)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let consumerOut = ''
  consumers.stdout.setEncoding('utf8').on('data', (d: string) => (consumerOut += d))
  const consumersExited = new Promise((resolve) => consumers.once('exit', resolve))

  // librdkafka's share consumer, acknowledging each record.
  const share: ShareConsumerProcess = startShareConsumer({
    bootstrap,
    group: 'busy-share',
    topics: [BUSY_TOPICS.share],
    ack: 'explicit',
    groupConfigs: { 'share.auto.offset.reset': 'earliest' },
    config: { 'socket.connection.setup.timeout.ms': 1000 }
  })

  return {
    busy: async () => {
      const waiting = () =>
        Object.entries({
          kcat: acknowledged.kcat.size > 0,
          sendBatch: [...acknowledged.batch].some((v) => v.startsWith(`batch-${round}-`)),
          transaction: [...acknowledged.txn].some((v) => v.startsWith(`txn-${round}-`)),
          'group join': /^join$/m.test(consumerOut),
          'long-poll consumer join': /^idle$/m.test(consumerOut),
          'share consumer records': share.records().length > 0
        }).flatMap(([what, done]) => (done ? [] : [what]))
      try {
        await waitFor('every client busy', () => waiting().length === 0, 60_000)
      } catch {
        throw new Error(
          `round ${round}: still waiting for ${waiting().join(', ')}\n${notes.join('\n')}`
        )
      }
    },
    stop: async () => {
      stopping = true
      clearInterval(kcatTimer)
      kcat.kill('SIGKILL')
      await share.stop('SIGKILL')
      consumers.kill('SIGKILL')
      await consumersExited
      const disconnect = (p: Producer) => p.disconnect().catch(() => undefined)
      await Promise.all([batches, transactions, ...[batchProducer, txnProducer].map(disconnect)])
    },
    describe: () => [...notes, `share consumer stderr: ${share.stderr().slice(-500)}`].join('\n')
  }
}

/** Every record of a topic as kcat reads it: partition:offset and value. */
function readTopic(
  bootstrap: string,
  topic: string
): Promise<Array<{ at: string; value: string }>> {
  // Not spawnSync: the brokers may run on this process's event loop.
  const child = spawn(
    'kcat',
    [
      '-C',
      '-b',
      bootstrap,
      '-t',
      topic,
      '-X',
      'isolation.level=read_uncommitted',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%p:%o %s\\n'
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`kcat reading ${topic} failed: ${err}`))
      resolve(
        out
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => {
            const space = l.indexOf(' ')
            return { at: l.slice(0, space), value: l.slice(space + 1) }
          })
      )
    })
  )
}

/** The acknowledged records the topics lack (empty when nothing acknowledged was lost). */
export async function missingAcknowledged(
  bootstrap: string,
  acknowledged: Acknowledged
): Promise<string[]> {
  const kcatLog = new Map(
    (await readTopic(bootstrap, BUSY_TOPICS.kcat)).map((r) => [r.at, r.value])
  )
  const values = async (topic: string) =>
    new Set((await readTopic(bootstrap, topic)).map((r) => r.value))
  const batch = await values(BUSY_TOPICS.batch)
  const txn = await values(BUSY_TOPICS.txn)
  return [
    ...[...acknowledged.kcat]
      .filter((at) => !kcatLog.get(at)?.startsWith('kcat-'))
      .map((at) => `kcat record at ${at}`),
    ...[...acknowledged.batch].filter((v) => !batch.has(v)),
    ...[...acknowledged.txn].filter((v) => !txn.has(v))
  ]
}
