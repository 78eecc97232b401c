// `--connections FILE`: YAML or JSON definitions, checked with the contract's schema, every
// mistake naming the file and the entry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readConnectionsFile } from '../../../src/server/connections-file'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-conn-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('connections file', () => {
  it('reads YAML with a connections list, secrets optional', () => {
    const path = file(
      'team.yaml',
      [
        'connections:',
        '  - id: staging',
        '    name: Staging',
        '    bootstrapServers: [kafka-1.staging:9092, kafka-2.staging:9092]',
        '    security:',
        '      protocol: SASL_SSL',
        '      sasl: { mechanism: SCRAM-SHA-512, username: console }',
        '  - name: Local Redpanda',
        '    bootstrapServers: ["127.0.0.1:19092"]',
        '    historyIntervalMs: 0'
      ].join('\n')
    )
    const list = readConnectionsFile(path)
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({
      id: 'staging',
      bootstrapServers: ['kafka-1.staging:9092', 'kafka-2.staging:9092'],
      security: { protocol: 'SASL_SSL', sasl: { mechanism: 'SCRAM-SHA-512', username: 'console' } }
    })
    expect(list[0].security?.sasl?.password).toBeUndefined()
    expect(list[1]).toMatchObject({ name: 'Local Redpanda', historyIntervalMs: 0 })
  })

  it('reads a JSON list', () => {
    const path = file('c.json', JSON.stringify([{ name: 'a', bootstrapServers: ['h:1'] }]))
    expect(readConnectionsFile(path)).toEqual([{ name: 'a', bootstrapServers: ['h:1'] }])
  })

  it('names the file, the entry and the field of a mistake', () => {
    const path = file('bad.yaml', '- name: x\n  bootstrapServers: [nohostport]\n')
    expect(() => readConnectionsFile(path)).toThrow(
      `--connections ${path}: connections.0.bootstrapServers.0: must be host:port`
    )
    const dup = file(
      'dup.yaml',
      '- {id: a, name: a, bootstrapServers: [h:1]}\n- {id: a, name: b, bootstrapServers: [h:2]}\n'
    )
    expect(() => readConnectionsFile(dup)).toThrow("connections.1.id: 'a' is used twice")
    expect(() => readConnectionsFile(join(dir, 'missing.yaml'))).toThrow(
      /--connections .*missing.yaml/
    )
  })
})
