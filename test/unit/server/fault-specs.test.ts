// `--fault SPEC` and `--faults FILE`: the contract's fault objects from a flag or a file, every
// mistake naming the flag (or file), the entry and the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { parseFaultFlags, readFaultsFile } from '../../../src/server/fault-specs'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-faults-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('--fault SPEC', () => {
  it('reads fields in the contract’s words, and JSON', () => {
    expect(
      parseFaultFlags(
        [
          'apiKey=Produce,topic=orders,error=NOT_LEADER_OR_FOLLOWER,count=3',
          'brokerId=1,latency=250,probability=0.5,durationMs=60000',
          'groupId=billing,apiKey=Heartbeat,closeConnection',
          'groupId=billing,rebalance,count=1',
          'brokerId=2,topic=orders,leaveIsr,durationMs=5000',
          '{"target":{"topic":"orders","partition":1},"action":{"type":"stallFetch","ms":800}}'
        ],
        [0, 1, 2]
      )
    ).toEqual([
      {
        target: { apiKey: 'Produce', topic: 'orders' },
        action: { type: 'error', error: 'NOT_LEADER_OR_FOLLOWER' },
        count: 3
      },
      {
        target: { brokerId: 1 },
        action: { type: 'latency', ms: 250 },
        probability: 0.5,
        durationMs: 60000
      },
      { target: { groupId: 'billing', apiKey: 'Heartbeat' }, action: { type: 'closeConnection' } },
      { target: { groupId: 'billing' }, action: { type: 'rebalance' }, count: 1 },
      {
        target: { brokerId: 2, topic: 'orders' },
        action: { type: 'leaveIsr' },
        durationMs: 5000
      },
      { target: { topic: 'orders', partition: 1 }, action: { type: 'stallFetch', ms: 800 } }
    ])
  })

  it.each([
    ['apiKey=Produce,error=NOT_A_CODE', 'error: must be a Kafka error name'],
    ['apiKey=Produse,error=REQUEST_TIMED_OUT', 'target.apiKey: must be one of Produce'],
    [
      'topic=orders,error=REQUEST_TIMED_OUT,probability=1.5',
      'probability: must be between 0 and 1'
    ],
    ['brokerId=3,closeConnection', 'target.brokerId: there is no broker 3 (the brokers are 0, 1, 2)'],
    ['partition=1,closeConnection', 'target.partition: a partition needs its topic'],
    ['topic=orders', 'action: say what the fault does'],
    ['topic=orders,latency', 'latency needs a value'],
    ['latency=5,throttle=5', 'throttle: a fault does one thing, not two'],
    ['colour=red,closeConnection', "unknown field 'colour'"],
    ['rebalance', 'target.groupId: a rebalance needs its group'],
    ['brokerId=1,leaveIsr,probability=0.5', 'probability: leaveIsr lasts until cleared'],
    ['latency=soon', 'action.ms: must be'],
    ['{"target":{}', 'not valid JSON']
  ])('refuses %s naming the field', (spec, message) => {
    expect(() => parseFaultFlags([spec], [0, 1, 2])).toThrow(`--fault '${spec}': `)
    expect(() => parseFaultFlags([spec], [0, 1, 2])).toThrow(message)
  })

  it('serve keeps every --fault, then the file’s', () => {
    const path = file(
      'one.json',
      JSON.stringify([{ target: {}, action: { type: 'throttle', ms: 5 } }])
    )
    const o = parseServeArgs([
      '--in-memory',
      '--fault',
      'apiKey=Fetch,stallFetch=100',
      '--fault',
      'apiKey=Metadata,latency=10',
      '--faults',
      path
    ])
    expect(o.faults.map((f) => f.action.type)).toEqual(['stallFetch', 'latency', 'throttle'])
    expect(parseServeArgs(['--in-memory']).faults).toEqual([])
  })
})

describe('--faults FILE', () => {
  it('reads a YAML list or {faults: [...]}', () => {
    const yaml = file(
      'faults.yaml',
      [
        'faults:',
        '  - target: { apiKey: Produce, topic: orders }',
        '    action: { type: error, error: NOT_ENOUGH_REPLICAS }',
        '    count: 2',
        '  - target: { groupId: billing }',
        '    action: { type: error, error: REBALANCE_IN_PROGRESS }',
        '    probability: 0.25'
      ].join('\n')
    )
    expect(readFaultsFile(yaml, [0, 1, 2])).toEqual([
      {
        target: { apiKey: 'Produce', topic: 'orders' },
        action: { type: 'error', error: 'NOT_ENOUGH_REPLICAS' },
        count: 2
      },
      {
        target: { groupId: 'billing' },
        action: { type: 'error', error: 'REBALANCE_IN_PROGRESS' },
        probability: 0.25
      }
    ])
  })

  it('names the file, the entry and the field of a mistake', () => {
    const bad = file(
      'bad.yaml',
      '- target: {}\n  action: {type: latency, ms: 5}\n- target: {brokerId: 4}\n  action: {type: closeConnection}\n'
    )
    expect(() => readFaultsFile(bad, [0, 1, 2])).toThrow(
      `--faults ${bad}: faults.1.target.brokerId: there is no broker 4 (the brokers are 0, 1, 2)`
    )
    const typo = file('typo.json', '[{"target": {}, "action": {"type": "explode"}}]')
    expect(() => readFaultsFile(typo, [0, 1, 2])).toThrow(`--faults ${typo}: faults.0.action.type`)
    const extra = file('extra.yaml', '- {target: {}, action: {type: closeConnection}, times: 3}\n')
    expect(() => readFaultsFile(extra, [0, 1, 2])).toThrow(`--faults ${extra}: faults.0`)
    const notList = file('map.yaml', 'target: {}\n')
    expect(() => readFaultsFile(notList, [0, 1, 2])).toThrow('expected a list of faults')
    expect(() => readFaultsFile(join(dir, 'missing.yaml'), [0, 1, 2])).toThrow(/--faults .*missing.yaml/)
  })
})
