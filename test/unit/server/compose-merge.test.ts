// A compose project loaded as compose loads it: `extends:` (same file and `file:`), top-level
// `include:` (short and long forms, each with its own .env and project folder), `profiles:`
// (--compose-profile, COMPOSE_PROFILES, a service named with --compose-service), the merge
// rules of the Compose specification (a fast-check property: merging is associative and the
// most derived service's variable wins), and cycles refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  isActive,
  loadComposeProject,
  mergeService,
  type ComposeService,
  type Sourced
} from '../../../src/server/compose-merge'
import { readComposeFile } from '../../../src/server/compose-file'
import { UsageError } from '../../../src/server/cli-errors'
import { parseServeArgs } from '../../../src/server/cli-args'

const root = mkdtempSync(join(tmpdir(), 'logdeck-compose-merge-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

/** Writes files (path -> text) under a fresh folder; its path. */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

/** The broker configs `logdeck serve --compose` takes from a file. */
const configs = (
  file: string,
  env: NodeJS.ProcessEnv = {},
  profiles: string[] = [],
  service?: string
) => readComposeFile(file, service, {}, env, profiles).values['broker-config']

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (err) {
    if (err instanceof UsageError) return err.message
    throw err
  }
  throw new Error('accepted')
}

describe('extends', () => {
  it('merges a service of the same file: environment by variable, the extending service winning', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  base:',
        '    image: postgres:16',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: 3',
        '      KAFKA_LOG_RETENTION_HOURS: 24',
        '  kafka:',
        '    extends: base',
        '    image: apache/kafka:4.0.0',
        '    environment:',
        '      - KAFKA_NUM_PARTITIONS=6',
        '      - KAFKA_LISTENERS=PLAINTEXT://:9092',
        ''
      ].join('\n')
    })
    expect(configs(join(dir, 'compose.yml'))).toEqual([
      'num.partitions=6',
      'log.retention.hours=24'
    ])
  })

  it('follows file: with the extended file paths relative to its own folder, over chains', () => {
    const dir = project({
      'common/kafka.yml': [
        'services:',
        '  kafka-base:',
        '    image: apache/kafka:${KAFKA_TAG:-latest}',
        '    env_file: kafka.env',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_LISTENERS: PLAINTEXT://:9092',
        ''
      ].join('\n'),
      'common/kafka.env': 'KAFKA_NUM_PARTITIONS=2\nKAFKA_LOG_RETENTION_HOURS=1\n',
      'compose.yml': [
        'services:',
        '  middle:',
        '    extends: { file: common/kafka.yml, service: kafka-base }',
        '    environment:',
        '      KAFKA_LOG_RETENTION_HOURS: 5',
        '  kafka:',
        '    extends:',
        '      service: middle',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: 4',
        ''
      ].join('\n')
    })
    const p = loadComposeProject(join(dir, 'compose.yml'), [], {})
    const kafka = p.services.get('kafka')!
    expect(kafka.image?.value).toBe('apache/kafka:${KAFKA_TAG:-latest}')
    expect(kafka.envFiles.map((f) => join(f.dir, f.value.path))).toEqual([
      join(dir, 'common', 'kafka.env')
    ])
    expect(kafka.ports.map((x) => x.value)).toEqual(['19092:9092'])
    // env_file first, then environment (the extending service's over the extended one's).
    expect(
      readComposeFile(join(dir, 'compose.yml'), 'kafka', {}, {}).values['broker-config']
    ).toEqual(['log.retention.hours=5', 'num.partitions=4'])
  })

  it('refuses a cycle and a service that is not there, naming them', () => {
    const dir = project({
      'compose.yml':
        'services:\n  a:\n    extends: b\n  b:\n    extends: { service: a }\n  c:\n    extends: c\n',
      'other.yml': 'services:\n  d:\n    extends: { file: compose.yml, service: nope }\n'
    })
    expect(refusal(() => loadComposeProject(join(dir, 'compose.yml'), [], {}))).toMatch(
      /compose\.yml line 5, service b, extends: a cycle: .*compose\.yml service a extends .*compose\.yml service b extends .*compose\.yml service a$/
    )
    expect(refusal(() => loadComposeProject(join(dir, 'other.yml'), [], {}))).toMatch(
      /other\.yml line 3, service d, extends: no service nope in .*compose\.yml \(its services are a, b, c\)$/
    )
  })
})

describe('include', () => {
  it('adds the services of included files, each interpolated with its own .env', () => {
    const dir = project({
      '.env': 'PARTITIONS=1\n',
      'compose.yml': [
        'include:',
        '  - kafka/compose.yml',
        'services:',
        '  app:',
        '    image: node:22',
        ''
      ].join('\n'),
      'kafka/.env': 'PARTITIONS=7\n',
      'kafka/compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    env_file: kafka.env',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: ${PARTITIONS}',
        ''
      ].join('\n'),
      'kafka/kafka.env': 'KAFKA_LOG_RETENTION_HOURS=9\n'
    })
    const file = join(dir, 'compose.yml')
    expect([...loadComposeProject(file, [], {}).services.keys()]).toEqual(['kafka', 'app'])
    expect(configs(file)).toEqual(['log.retention.hours=9', 'num.partitions=7'])
    // The environment wins over any .env, as in compose.
    expect(configs(file, { PARTITIONS: '12' })).toEqual([
      'log.retention.hours=9',
      'num.partitions=12'
    ])
  })

  it('takes the long form: several paths merged, env_file and project_directory', () => {
    const dir = project({
      'compose.yml': [
        'include:',
        '  - path: [infra/base.yml, infra/override.yml]',
        '    env_file: settings.env',
        '    project_directory: infra/files',
        ''
      ].join('\n'),
      'settings.env': 'RETENTION=48\n',
      'infra/base.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    env_file: kafka.env',
        '    environment:',
        '      KAFKA_LOG_RETENTION_HOURS: ${RETENTION}',
        ''
      ].join('\n'),
      'infra/override.yml':
        'services:\n  kafka:\n    environment:\n      KAFKA_NUM_PARTITIONS: 5\n',
      'infra/files/kafka.env': 'KAFKA_COMPRESSION_TYPE=gzip\n'
    })
    expect(configs(join(dir, 'compose.yml'))).toEqual([
      'compression.type=gzip',
      'log.retention.hours=48',
      'num.partitions=5'
    ])
  })

  it('refuses a service defined twice and a cycle of includes', () => {
    const dir = project({
      'twice.yml': 'include: [kafka.yml]\nservices:\n  kafka:\n    image: apache/kafka\n',
      'kafka.yml': 'services:\n  kafka:\n    image: apache/kafka\n',
      'a.yml': 'include: [b.yml]\nservices: {}\n',
      'b.yml': 'include:\n  - path: a.yml\n'
    })
    expect(refusal(() => loadComposeProject(join(dir, 'twice.yml'), [], {}))).toBe(
      `${join(dir, 'twice.yml')}: service kafka is defined by both ${join(dir, 'kafka.yml')} and ${join(dir, 'twice.yml')} (compose refuses a service defined twice)`
    )
    expect(refusal(() => loadComposeProject(join(dir, 'a.yml'), [], {}))).toMatch(
      /b\.yml line 2, include: a cycle: .*a\.yml includes .*b\.yml includes .*a\.yml$/
    )
  })
})

describe('profiles', () => {
  const dir = project({
    '.env': 'COMPOSE_PROFILES=from-dotenv\n',
    'compose.yml': [
      'services:',
      '  kafka:',
      '    image: apache/kafka',
      '    environment: { KAFKA_NUM_PARTITIONS: 1 }',
      '  kafka-debug:',
      '    image: apache/kafka',
      '    profiles: [debug]',
      '    environment: { KAFKA_NUM_PARTITIONS: 2 }',
      ''
    ].join('\n'),
    'only-profiled.yml': [
      'services:',
      '  kafka:',
      '    image: bitnami/kafka',
      '    profiles: [kafka, all]',
      ''
    ].join('\n')
  })
  const file = join(dir, 'compose.yml')

  it('leaves a service with profiles out unless one is enabled', () => {
    expect(configs(file)).toEqual(['num.partitions=1'])
    const p = loadComposeProject(file, ['debug'], {})
    expect(isActive(p.services.get('kafka-debug')!, p.profiles)).toBe(true)
    expect(loadComposeProject(file, [], { COMPOSE_PROFILES: 'x, debug' }).profiles).toEqual([
      'x',
      'debug'
    ])
    // COMPOSE_PROFILES from the .env file, the environment over it, the flag over both.
    expect(loadComposeProject(file, [], {}).profiles).toEqual(['from-dotenv'])
    expect(loadComposeProject(file, ['debug'], { COMPOSE_PROFILES: 'x' }).profiles).toEqual([
      'debug'
    ])
    expect(isActive({ profiles: ['a'] }, ['*'])).toBe(true)
    expect(isActive({ profiles: ['a'] }, ['b'])).toBe(false)
  })

  it('serves a service named with --compose-service whatever its profiles', () => {
    expect(configs(file, {}, [], 'kafka-debug')).toEqual(['num.partitions=2'])
  })

  it('says which Kafka services are inactive when none is active', () => {
    const only = join(dir, 'only-profiled.yml')
    expect(refusal(() => readComposeFile(only, undefined, {}, {}))).toBe(
      `${only}: no active service runs apache/kafka, apache/kafka-native, confluentinc/cp-kafka, bitnami/kafka (the services are none); kafka (profiles kafka, all) is inactive: enable a profile with --compose-profile NAME or COMPOSE_PROFILES, or name the service with --compose-service`
    )
  })
})

describe('the merge rules', () => {
  const sourced = <T>(value: T): Sourced<T> => ({ value, file: 'f', vars: new Map(), dir: '/' })
  const service = fc
    .record({
      image: fc.option(fc.constantFrom('apache/kafka', 'bitnami/kafka', 'x'), { nil: undefined }),
      env: fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), fc.string({ maxLength: 3 })), {
        maxLength: 5
      }),
      envFiles: fc.array(fc.constantFrom('a.env', 'b.env'), { maxLength: 2 }),
      ports: fc.array(fc.constantFrom('9092', '19092:9092', 9093), { maxLength: 3 }),
      volumes: fc.array(
        fc.constantFrom<unknown>('./a:/etc/kafka/secrets', './b:/etc/kafka/secrets:ro', '/data', {
          type: 'bind',
          source: './c',
          target: '/data'
        }),
        { maxLength: 3 }
      ),
      profiles: fc.array(fc.constantFrom('p', 'q'), { maxLength: 2 })
    })
    .map((r): ComposeService => ({
      name: 's',
      file: 'f',
      ...(r.image ? { image: sourced(r.image) } : {}),
      environment: new Map(r.env.map(([k, v]) => [k, sourced<string | null>(v)])),
      envFiles: r.envFiles.map((path) => sourced({ path, required: true })),
      ports: r.ports.map((p) => sourced<unknown>(p)),
      volumes: r.volumes.map((v) => sourced(v)),
      profiles: r.profiles
    }))
  const plain = (s: ComposeService) => ({
    image: s.image?.value,
    env: [...s.environment].map(([k, v]) => [k, v.value]),
    envFiles: s.envFiles.map((f) => f.value.path),
    ports: s.ports.map((p) => p.value),
    volumes: s.volumes.map((v) => v.value),
    profiles: s.profiles
  })

  it('is associative, and a variable has the value of the last service that sets it', () => {
    fc.assert(
      fc.property(service, service, service, (a, b, c) => {
        const left = mergeService(mergeService(a, b), c)
        expect(plain(left)).toEqual(plain(mergeService(a, mergeService(b, c))))
        for (const k of ['A', 'B', 'C', 'D']) {
          const last = [c, b, a].find((s) => s.environment.has(k))
          expect(left.environment.get(k)?.value).toBe(last?.environment.get(k)?.value)
        }
        expect(left.image?.value).toBe((c.image ?? b.image ?? a.image)?.value)
        expect(new Set(plain(left).ports).size).toBe(left.ports.length)
      })
    )
  })

  it('reads a chain of extends across files as the fold of the merges', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.tuple(
              fc.constantFrom('NUM_PARTITIONS', 'LOG_RETENTION_HOURS'),
              fc.integer({ min: 1, max: 99 })
            ),
            {
              maxLength: 3
            }
          ),
          { minLength: 1, maxLength: 4 }
        ),
        (levels) => {
          // Level i is service s<i> of file f<i>.yml, extending s<i-1> of f<i-1>.yml.
          const files: Record<string, string> = {}
          levels.forEach((env, i) => {
            files[`f${i}.yml`] = [
              'services:',
              `  s${i}:`,
              ...(i === 0
                ? ['    image: apache/kafka']
                : [`    extends: { file: f${i - 1}.yml, service: s${i - 1} }`]),
              '    environment:',
              ...(i === 0 ? ['      - KAFKA_LISTENERS=PLAINTEXT://:9092'] : []),
              ...env.map(([k, v]) => `      - KAFKA_${k}=${v}`),
              ...(env.length === 0 ? ['      - OTHER=1'] : [])
            ].join('\n')
          })
          const dir = project(files)
          const last = levels.length - 1
          const got = readComposeFile(join(dir, `f${last}.yml`), `s${last}`, {}, {}).values[
            'broker-config'
          ]
          const want = new Map<string, number>()
          for (const env of levels)
            for (const [k, v] of env) {
              want.set(k, v)
            }
          const expected = [...want].map(([k, v]) => `${k.toLowerCase().replaceAll('_', '.')}=${v}`)
          expect([...((got as string[] | undefined) ?? [])].sort()).toEqual(expected.sort())
        }
      ),
      { numRuns: 25 }
    )
  })
})

describe('files that are not there', () => {
  it('names the include or extends that names them', () => {
    const dir = project({
      'inc.yml': 'include:\n  - nope.yml\n',
      'ext.yml': 'services:\n  k:\n    extends: { file: gone.yml, service: k }\n'
    })
    expect(refusal(() => loadComposeProject(join(dir, 'inc.yml'), [], {}))).toBe(
      `${join(dir, 'inc.yml')} line 2, include: ${join(dir, 'nope.yml')} does not exist`
    )
    expect(refusal(() => loadComposeProject(join(dir, 'ext.yml'), [], {}))).toBe(
      `${join(dir, 'ext.yml')} line 3, service k, extends: file ${join(dir, 'gone.yml')} does not exist`
    )
  })
})

describe('several files, as docker compose -f merges them', () => {
  it('merges the later files over the first, their paths from its folder', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_LISTENERS: PLAINTEXT://:9092',
        '      KAFKA_NUM_PARTITIONS: 1',
        ''
      ].join('\n'),
      'local/override.yml': [
        'services:',
        '  kafka:',
        '    env_file: local/kafka.env',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: 8',
        ''
      ].join('\n'),
      'local/kafka.env': 'KAFKA_LOG_RETENTION_HOURS=2\n'
    })
    const files = [join(dir, 'compose.yml'), join(dir, 'local', 'override.yml')]
    const props = readComposeFile(files, undefined, {}, {})
    expect(props.values['broker-config']).toEqual(['log.retention.hours=2', 'num.partitions=8'])
    expect(props.values.port).toBe('19092')
    expect(props.summary[1]).toBe(`merged over it, as docker compose -f merges them: ${files[1]}`)
    // --compose given twice.
    const o = parseServeArgs(['--in-memory', '--compose', files[0], '--compose', files[1]])
    expect(o.brokerConfigs).toEqual({ 'log.retention.hours': '2', 'num.partitions': '8' })
  })

  it('refuses the !reset and !override tags, naming the file and line, rather than merge them as plain values', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    ports: ["19092:9092"]',
        ''
      ].join('\n'),
      'reset.yml': ['services:', '  kafka:', '    ports: !reset []', ''].join('\n'),
      'override.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    ports: !override ["29092:9092"]',
        ''
      ].join('\n')
    })
    const base = join(dir, 'compose.yml')
    expect(() => loadComposeProject([base, join(dir, 'reset.yml')], [], {})).toThrow(
      `${join(dir, 'reset.yml')} line 3: the !reset tag is not supported`
    )
    expect(() => loadComposeProject([base, join(dir, 'override.yml')], [], {})).toThrow(
      `${join(dir, 'override.yml')} line 4: the !override tag is not supported`
    )
    expect(() => loadComposeProject(join(dir, 'override.yml'), [], {})).toThrow(UsageError)
  })

  it('refuses ports: and volumes: that are not lists, as compose does, rather than leave them out', () => {
    const dir = project({
      'ports.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    ports: "19092:9092"',
        ''
      ].join('\n'),
      'volumes.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    volumes: ./data:/var/lib/kafka',
        ''
      ].join('\n'),
      'none.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    ports:',
        '    volumes:',
        ''
      ].join('\n')
    })
    expect(() => loadComposeProject(join(dir, 'ports.yml'), [], {})).toThrow(
      `${join(dir, 'ports.yml')} line 4, service kafka: ports is not a list`
    )
    expect(() => loadComposeProject(join(dir, 'volumes.yml'), [], {})).toThrow(
      `${join(dir, 'volumes.yml')} line 4, service kafka: volumes is not a list`
    )
    expect(loadComposeProject(join(dir, 'none.yml'), [], {}).services.get('kafka')?.ports).toEqual(
      []
    )
  })
})
