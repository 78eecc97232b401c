// `logdeck serve` flag parsing.
import { describe, expect, it } from 'vitest'
import { parseServeArgs, UsageError } from '../../../src/server/cli-args'

describe('parseServeArgs', () => {
  it('has the documented defaults', () => {
    const o = parseServeArgs(['--in-memory'])
    expect(o).toMatchObject({
      dataDir: ':memory:',
      host: '127.0.0.1',
      advertisedHost: '127.0.0.1',
      port: 9092,
      brokers: 3,
      uiPort: 9080,
      token: null,
      demo: false,
      stoppedBrokers: [],
      fsync: false,
      replicationDelayMs: 0,
      replicaLagTimeMaxMs: 10_000
    })
  })

  it('reads every flag', () => {
    const o = parseServeArgs([
      '--data-dir',
      '/tmp/x',
      '--host',
      '0.0.0.0',
      '--port',
      '19092',
      '--brokers',
      '5',
      '--ui-port',
      '0',
      '--token',
      'abc',
      '--advertised-host',
      'kafka.local'
    ])
    expect(o).toEqual({
      dataDir: '/tmp/x',
      host: '0.0.0.0',
      advertisedHost: 'kafka.local',
      port: 19092,
      brokers: 5,
      uiPort: 0,
      token: 'abc',
      demo: false,
      stoppedBrokers: [],
      fsync: false,
      replicationDelayMs: 0,
      replicaLagTimeMaxMs: 10_000
    })
    expect(parseServeArgs(['--stopped-brokers', '1,2']).stoppedBrokers).toEqual([1, 2])
    expect(parseServeArgs(['--replication-delay-ms', '250']).replicationDelayMs).toBe(250)
    expect(parseServeArgs(['--fsync']).fsync).toBe(true)
    expect(parseServeArgs(['--demo', '--in-memory']).demo).toBe(true)
    expect(parseServeArgs(['--no-ui', '--in-memory']).uiPort).toBeNull()
  })

  it.each([
    [['--brokers', '10'], '--brokers must be a whole number from 1 to 9'],
    [['--port', 'x'], '--port must be a whole number'],
    [['--in-memory', '--data-dir', 'd'], 'cannot be used together'],
    [['--no-ui', '--ui-port', '1'], 'cannot be used together'],
    [['--token', 'has space'], '--token must be'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--stopped-brokers', '3'], 'broker ids from 0 to 2']
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError)
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})
