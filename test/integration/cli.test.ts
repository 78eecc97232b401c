// The built `logdeck` command: help, version, and one clear line for every bad flag.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SERVE_FLAGS } from '../../src/server/cli-flags'
import { startServe } from '../support/serve-process'
import { kcat } from '../support/external-clients'

const ROOT = join(__dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'logdeck.cjs')

function logdeck(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('logdeck command line', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'logdeck-cli-'))
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it('prints its version from package.json', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version
    for (const flag of ['--version', '-v']) {
      const r = logdeck(flag)
      expect(r.status).toBe(0)
      expect(r.stdout.trim()).toBe(version)
    }
  })

  it('describes the commands and every serve flag', () => {
    const main = logdeck('--help')
    expect(main.status).toBe(0)
    expect(main.stdout).toMatch(/^Usage: logdeck <command>/)
    expect(main.stdout).toContain('serve')
    const serve = logdeck('serve', '--help')
    expect(serve.status).toBe(0)
    for (const f of SERVE_FLAGS) expect(serve.stdout).toContain(`--${f.name}`)
    expect(logdeck('help', 'serve').stdout).toBe(serve.stdout)
  })

  it.each([
    [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['serve', '--brokers', '0'], '--brokers must be a whole number from 1 to 32'],
    [['serve', '--brokers', '33'], "--brokers must be a whole number from 1 to 32, got '33'"],
    [['serve', '--bogus'], 'unknown flag --bogus'],
    [['serve', '--in-memory', '--ui-port'], '--ui-port needs a value'],
    [['serve', 'now'], "unexpected argument 'now'"],
    [['deploy'], "unknown command 'deploy'"],
    [['--verbose'], 'unknown flag --verbose'],
    [
      ['serve', '--fault', 'apiKey=Produce,error=NOT_LEADER'],
      "--fault 'apiKey=Produce,error=NOT_LEADER': action.error: must be a Kafka error name"
    ],
    [
      ['serve', '--fault', 'topic=t,error=REQUEST_TIMED_OUT,probability=2'],
      'probability: must be between 0 and 1'
    ],
    [['serve', '--faults', '/nonexistent/faults.yaml'], '--faults /nonexistent/faults.yaml'],
    [
      ['serve', '--broker-config', 'num.partition=3'],
      "--broker-config: unknown broker config 'num.partition'"
    ],
    [
      ['serve', '--broker-config', 'auto.create.topics.enable=maybe'],
      "--broker-config auto.create.topics.enable: 'maybe' must be 'true' or 'false'"
    ],
    [
      [
        'serve',
        '--in-memory',
        '--port',
        '0',
        '--no-ui',
        '--schema-registry-tls-cert',
        '/nonexistent/registry.pem',
        '--schema-registry-tls-key',
        '/nonexistent/registry-key.pem'
      ],
      '--schema-registry-tls-cert /nonexistent/registry.pem cannot be read'
    ]
  ])('refuses %j with one line naming it', (args, message) => {
    const r = logdeck(...args)
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(message)
  })

  it('refuses a data dir that is a file or cannot be written', () => {
    const file = join(tmp, 'not-a-folder')
    writeFileSync(file, 'x')
    const r = logdeck('serve', '--data-dir', file)
    expect(r.status).toBe(2)
    expect(r.stderr.trimEnd()).toMatch(/^logdeck serve: --data-dir \S+ is a file, not a folder/)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)

    // root writes through file modes, so root gets a file system that refuses new folders
    const readOnly = process.getuid?.() === 0 ? '/sys/logdeck-cli-check' : join(tmp, 'ro')
    if (!readOnly.startsWith('/sys')) mkdirSync(readOnly, { mode: 0o555 })
    const ro = logdeck('serve', '--data-dir', readOnly)
    expect(ro.status).toBe(2)
    expect(ro.stderr.trimEnd()).toMatch(
      /^logdeck serve: --data-dir \S+ is not writable \(E[A-Z]+\)/
    )
  })

  it('keeps the broker ids of a data dir as they were when the cluster does not start', async () => {
    const dir = join(tmp, 'ids-unstarted')
    const flags = ['--data-dir', dir, '--no-ui', '--no-schema-registry']
    const first = await startServe([...flags, '--port', '0'])
    expect(await first.stop()).toBe(0)
    // The fifth broker's port is taken: --brokers 5 cannot start.
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as AddressInfo).port
    try {
      const r = logdeck('serve', ...flags, '--brokers', '5', '--port', String(port - 4))
      expect(r.status).not.toBe(0)
      expect(r.stderr).toContain('cannot listen')
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
    const again = await startServe([...flags, '--port', '0'])
    expect(again.output()).toContain('3 broker(s) (ids 0, 1, 2)')
    expect(await again.stop()).toBe(0)
  })

  it('keeps the broker ids in the data dir, and refuses it without one of its brokers', async () => {
    const dir = join(tmp, 'ids')
    const flags = ['--data-dir', dir, '--port', '0', '--no-ui', '--no-schema-registry']
    const first = await startServe([...flags, '--broker-ids', '1,2,3'])
    expect(first.output()).toContain('3 broker(s) (ids 1, 2, 3)')
    expect(first.output()).toMatch(/^Kafka listener: broker 3 at /m)
    const made = await kcat(
      ['-b', first.bootstrap, '-P', '-t', 'kept', '-X', 'linger.ms=100'],
      'a\nb\n'
    )
    expect(made.code, made.stderr).toBe(0)
    expect(await first.stop()).toBe(0)
    const r = logdeck('serve', ...flags)
    expect(r.status).toBe(1)
    expect(r.stderr.trimEnd()).toBe(
      'logdeck: The data directory holds a cluster of brokers 1, 2, 3, but it is opened with brokers 0, 1, 2, without broker 3: open it with broker ids 1,2,3 (logdeck serve --broker-ids 1,2,3), or use another data directory'
    )
    const again = await startServe([...flags, '--broker-ids', '1,2,3'])
    try {
      const read = await kcat([
        '-b',
        again.bootstrap,
        '-C',
        '-t',
        'kept',
        '-e',
        '-q',
        '-o',
        'beginning'
      ])
      expect(read.stdout.trim().split('\n')).toEqual(['a', 'b'])
    } finally {
      await again.stop()
    }
  })

  it('shuts down cleanly when Ctrl-C arrives twice (terminal and npm start both send it)', async () => {
    const s = await startServe(['--in-memory', '--port', '0', '--no-ui'])
    const exited = new Promise<number | null>((resolve) => s.child.once('exit', resolve))
    s.child.kill('SIGINT')
    s.child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(s.output()).toMatch(/^SIGINT: shutting down\nstopped$/m)
    expect(s.output().match(/shutting down/g)).toHaveLength(1)
  })

  it('serves faults from --fault and --faults FILE, hit by a real producer, cleared over the API', async () => {
    const file = join(tmp, 'faults.yaml')
    writeFileSync(
      file,
      '- {target: {apiKey: Heartbeat, groupId: cli-none}, action: {type: closeConnection}}\n'
    )
    const s = await startServe([
      '--in-memory',
      '--port',
      '0',
      '--ui-port',
      '0',
      '--fault',
      'apiKey=Produce,topic=cli-orders,error=NOT_LEADER_OR_FOLLOWER,count=3',
      '--faults',
      file
    ])
    try {
      expect(s.output()).toContain('Fault: NOT_LEADER_OR_FOLLOWER on Produce, topic cli-orders')
      expect(s.output()).toContain('Fault: connection close on Heartbeat, group cli-none')
      const api = async (method: string, body: object) => {
        const res = await fetch(`${s.apiBase}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body)
        })
        return (await res.json()) as { faults: { hits: number; active: boolean }[] }
      }
      await api('topics.create', { name: 'cli-orders', partitions: 1, replicationFactor: 1 })
      const values = Array.from({ length: 10 }, (_, i) => `v${i}`)
      const r = await kcat(
        ['-P', '-b', s.bootstrap, '-t', 'cli-orders', '-X', 'linger.ms=5'],
        values.join('\n') + '\n'
      )
      expect(r.code, r.stderr).toBe(0)
      const { faults } = await api('faults.list', {})
      expect(faults.map((f) => [f.hits, f.active])).toEqual([
        [3, false],
        [0, true]
      ])
      await api('faults.clear', {})
      expect((await api('faults.list', {})).faults).toEqual([])
    } finally {
      await s.stop()
    }
  })

  it('checks the default data folder too, naming where it is', () => {
    const file = join(tmp, 'config-file')
    writeFileSync(file, 'x')
    const r = spawnSync(process.execPath, [BIN, 'serve'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: file }
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`the data folder ${join(file, 'logdeck')} is inside ${file}`)
  })
})
