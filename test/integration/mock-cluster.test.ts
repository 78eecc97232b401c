// librdkafka's in-memory mock cluster, a Kafka implementation independent of Logdeck's, as a
// connection: browse by offset, produce, and a kcat consumer group's lag, checked against kcat.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'

function kcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout)
    )
    child.stdin!.end(input ?? '')
  })
}

/** Starts a 3-broker mock cluster inside a kcat producer kept open; resolves with its brokers. */
function startMock(): Promise<{ child: ChildProcess; bootstrap: string }> {
  const child = spawn(
    'kcat',
    ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=3', '-P', '-t', 'keepalive'],
    {
      stdio: ['pipe', 'ignore', 'pipe']
    }
  )
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      err += s
      const m = /replaced with (\S+)/.exec(err)
      if (m) resolve({ child, bootstrap: m[1] })
    })
    child.once('exit', (code) => reject(new Error(`kcat exited with ${code}: ${err}`)))
  })
}

describe("librdkafka's mock cluster as a connection", () => {
  let mock: { child: ChildProcess; bootstrap: string }
  let c: TestCluster
  const call = (method: string, params: object) =>
    c.service.callByName(method, { connection: 'mock', ...params })

  beforeAll(async () => {
    mock = await startMock()
    c = await startTestCluster()
    await c.service.call('connections.add', {
      id: 'mock',
      name: 'librdkafka mock',
      bootstrapServers: mock.bootstrap.split(','),
      historyIntervalMs: 0
    })
  })

  afterAll(async () => {
    await c?.close()
    mock?.child.stdin?.end()
    mock?.child.kill()
  })

  it('reads the records kcat produced, by offset, as kcat reads them', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `key-${i % 5}:value-${i}`).join('\n')
    await kcat(
      [
        '-b',
        mock.bootstrap,
        '-P',
        '-t',
        'browse',
        '-p',
        '2',
        '-K',
        ':',
        '-X',
        'linger.ms=10',
        '-X',
        'batch.num.messages=7'
      ],
      lines + '\n'
    )
    const page = (await call('messages.read', {
      topic: 'browse',
      partition: 2,
      from: { offset: 11 },
      limit: 15
    })) as { records: { offset: number; key: string; value: string }[] }
    const seen = await kcat([
      '-b',
      mock.bootstrap,
      '-C',
      '-t',
      'browse',
      '-p',
      '2',
      '-o',
      '11',
      '-c',
      '15',
      '-e',
      '-f',
      '%o %k %s\\n'
    ])
    expect(page.records).toHaveLength(15)
    expect(page.records.map((r) => `${r.offset} ${r.key} ${r.value}`).join('\n')).toBe(seen.trim())
  })

  it('produces a record that kcat reads at the offset it was given', async () => {
    const produced = (await call('messages.produce', {
      topic: 'browse',
      partition: 1,
      key: 'from-logdeck',
      value: 'hello mock',
      headers: { source: 'console' }
    })) as { partition: number; offset: number }
    const seen = await kcat([
      '-b',
      mock.bootstrap,
      '-C',
      '-t',
      'browse',
      '-p',
      '1',
      '-o',
      String(produced.offset),
      '-c',
      '1',
      '-e',
      '-f',
      '%k %s %h\\n'
    ])
    expect(seen.trim()).toBe('from-logdeck hello mock source=console')
  })

  it("tells a kcat consumer group's lag from its committed offsets", async () => {
    await kcat(['-b', mock.bootstrap, '-P', '-t', 'lagging', '-p', '0'], 'a\nb\nc\nd\n')
    await kcat([
      '-b',
      mock.bootstrap,
      '-G',
      'mock-readers',
      '-X',
      'auto.offset.reset=earliest',
      '-c',
      '4',
      '-e',
      'lagging'
    ])
    await kcat(['-b', mock.bootstrap, '-P', '-t', 'lagging', '-p', '0'], 'e\nf\ng\n')
    const g = (await call('groups.describe', { groupId: 'mock-readers' })) as {
      offsets: {
        topic: string
        partition: number
        committedOffset: number
        highWatermark: number
        lag: number
      }[]
    }
    const p0 = g.offsets.find((o) => o.topic === 'lagging' && o.partition === 0)
    expect(p0).toMatchObject({ committedOffset: 4, highWatermark: 7, lag: 3 })
  })

  it('says plainly what the mock lacks', async () => {
    await expect(call('groups.list', {})).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('does not offer')
    })
  })
})
