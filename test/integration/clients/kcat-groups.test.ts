// kcat (librdkafka 2.x) against the embedded cluster: keyed produce with the murmur2
// partitioner, consumption from the beginning, an offset and a timestamp, a balanced group of
// two `kcat -G` members, and every compression codec.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignedPartitions } from '../../../src/engine/groups/consumer-protocol'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'
import { engineInternals } from '../../support/engine-internals'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

async function createTopic(name: string, partitions: number) {
  await cluster.service.call('topics.create', { name, partitions, replicationFactor: 3 })
}

/** Produces "key:value" lines with kcat -P, keys hashed as the Java client does. */
async function produce(topic: string, lines: string[], extra: string[] = []) {
  const res = await kcat(
    [
      '-b',
      cluster.bootstrap,
      '-P',
      '-t',
      topic,
      '-K',
      ':',
      '-X',
      'partitioner=murmur2_random',
      ...extra
    ],
    lines.join('\n') + '\n'
  )
  expect(res.code, res.stderr).toBe(0)
}

/** kcat -C of one partition until its end, as "offset key value" lines. */
async function consume(topic: string, partition: number, offset: string): Promise<string[]> {
  const res = await kcat([
    '-b',
    cluster.bootstrap,
    '-C',
    '-t',
    topic,
    '-p',
    String(partition),
    '-o',
    offset,
    '-e',
    '-q',
    '-f',
    '%o %k %s\\n'
  ])
  expect(res.code, res.stderr).toBe(0)
  return res.stdout.split('\n').filter((l) => l !== '')
}

describe('kcat producer and consumer', () => {
  it('places keys where the Java client would (-X partitioner=murmur2_random)', async () => {
    await createTopic('kcat-keys', 6)
    const lines = Array.from({ length: 120 }, (_, i) => `key-${i % 40}:value-${i}`)
    await produce('kcat-keys', lines)
    const seen: string[] = []
    for (let p = 0; p < 6; p++) {
      for (const line of await consume('kcat-keys', p, 'beginning')) {
        const [, key, value] = line.split(' ')
        expect(p, key).toBe(murmur2Partition(Buffer.from(key), 6))
        seen.push(value)
      }
    }
    expect(seen.sort()).toEqual(lines.map((l) => l.split(':')[1]).sort())
  })

  it('consumes from the beginning, from an offset and from a timestamp', async () => {
    await createTopic('kcat-positions', 1)
    await produce(
      'kcat-positions',
      Array.from({ length: 10 }, (_, i) => `k:first-${i}`)
    )
    // Every record of the first batch is older than `since`; the second batch is not.
    const since = Date.now() + 1
    await waitFor('the clock to pass the first batch', () => Date.now() > since)
    await produce(
      'kcat-positions',
      Array.from({ length: 5 }, (_, i) => `k:second-${i}`)
    )

    const all = await consume('kcat-positions', 0, 'beginning')
    expect(all).toHaveLength(15)
    expect(all[0]).toBe('0 k first-0')
    expect(all[14]).toBe('14 k second-4')
    expect(await consume('kcat-positions', 0, '7')).toEqual(all.slice(7))
    expect(await consume('kcat-positions', 0, '-3')).toEqual(all.slice(12))
    expect(await consume('kcat-positions', 0, `s@${since}`)).toEqual(all.slice(10))
  })

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('round-trips %s-compressed batches', async (codec) => {
    const topic = `kcat-${codec}`
    await createTopic(topic, 1)
    const lines = Array.from({ length: 50 }, (_, i) => `k${i}:${codec}-${'x'.repeat(i)}-${i}`)
    await produce(topic, lines, ['-z', codec, '-X', 'linger.ms=50'])
    const read = await consume(topic, 0, 'beginning')
    expect(read).toEqual(lines.map((l, i) => `${i} ${l.replace(':', ' ')}`))
    // The engine decodes the stored batches too (the message browser's path).
    const page = await cluster.service.call('messages.read', {
      topic,
      partition: 0,
      from: 'earliest',
      limit: 100
    })
    expect(page.records.map((r) => r.value)).toEqual(lines.map((l) => l.split(':')[1]))
    // kcat compressed them: librdkafka before 2.10 sends gzip, snappy and LZ4 uncompressed to a
    // broker that does not list Produce v0 to v2.
    const codecs = engineInternals(cluster.engine)
      .db.prepare<[string], { codec: number }>(
        'SELECT DISTINCT b.attributes & 7 AS codec FROM log_batches b JOIN topics t USING (topic_id) WHERE t.name = ?'
      )
      .all(topic)
      .map((r) => r.codec)
    expect(codecs).toEqual([['gzip', 'snappy', 'lz4', 'zstd'].indexOf(codec) + 1])
  })
})

describe('kcat balanced consumer group (-G)', () => {
  const topic = 'kcat-balanced'
  const groupId = 'kcat-group'
  const members: ChildProcessWithoutNullStreams[] = []

  function startMember(output: string[]) {
    const child = spawn('kcat', [
      '-b',
      cluster.bootstrap,
      '-G',
      groupId,
      '-q',
      // Unbuffered: each record is written as it arrives, not when the pipe's buffer fills.
      '-u',
      '-f',
      '%p %o %s\\n',
      '-X',
      'session.timeout.ms=6000',
      '-X',
      'heartbeat.interval.ms=300',
      '-X',
      'auto.offset.reset=earliest',
      '-X',
      'fetch.wait.max.ms=100',
      topic
    ])
    let partial = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n')
      partial = lines.pop() ?? ''
      output.push(...lines.filter((l) => l !== ''))
    })
    child.stderr.resume()
    members.push(child)
    return child
  }

  async function stopAll() {
    await Promise.all(
      members.splice(0).map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve()
            c.once('exit', () => resolve())
            // kcat closes its consumer on SIGTERM: final commit, then LeaveGroup.
            c.kill('SIGTERM')
          })
      )
    )
  }

  afterAll(stopAll)

  /** Partitions each current member of the group is assigned. */
  function assignments(): number[][] {
    const group = engineInternals(cluster.engine).coordinator.group(groupId)
    if (!group || group.state !== 'Stable') return []
    return [...group.members.values()].map((m) =>
      assignedPartitions(m.assignment).flatMap((t) => t.partitions)
    )
  }

  it('shares the partitions between two members and commits what they read', async () => {
    await createTopic(topic, 4)
    const out: string[] = []
    startMember(out)
    startMember(out)
    await waitFor('two members with two partitions each', () => {
      const a = assignments()
      return a.length === 2 && a.every((p) => p.length === 2)
    })
    expect(assignments().flat().sort()).toEqual([0, 1, 2, 3])

    const lines = Array.from({ length: 100 }, (_, i) => `key-${i}:value-${i}`)
    await produce(topic, lines)
    await waitFor('100 records consumed', () => out.length >= 100)
    expect(out.map((l) => l.split(' ')[2]).sort()).toEqual(lines.map((l) => l.split(':')[1]).sort())
    await stopAll()
    // On close each member committed its position: the group holds every offset read.
    const committed = engineInternals(cluster.engine)
      .coordinator.store.offsets(groupId)
      .reduce((sum, o) => sum + o.committedOffset, 0)
    expect(committed).toBe(100)
    expect(engineInternals(cluster.engine).coordinator.group(groupId)?.state).toBe('Empty')

    // A new member resumes from the committed offsets: only new records arrive.
    const more: string[] = []
    startMember(more)
    await produce(topic, ['late:late-record'])
    await waitFor('the late record', () => more.some((l) => l.endsWith(' late-record')))
    await stopAll()
    expect(more.map((l) => l.split(' ')[2])).toEqual(['late-record'])
  })
})
