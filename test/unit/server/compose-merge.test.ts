// A compose project loaded as compose loads it: `extends:` (same file and `file:`), top-level
// `include:` (short and long forms, each with its own .env and project folder), `profiles:`
// (--compose-profile, COMPOSE_PROFILES, a service named with --compose-service), the merge
// rules of the Compose specification (a fast-check property: merging is associative and the
// most derived service's variable wins), and cycles refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  isActive,
  loadComposeProject,
  mergeService,
  type ComposeService,
  type ServiceSetting,
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
      profiles: fc.array(fc.constantFrom('p', 'q'), { maxLength: 2 }),
      // What an override's !override or !reset replaces, and the variables its !reset removes.
      replaced: fc.option(
        fc.subarray<ServiceSetting>([
          'image',
          'environment',
          'env_file',
          'ports',
          'volumes',
          'profiles'
        ]),
        { nil: undefined, freq: 2 }
      ),
      unset: fc.option(fc.subarray(['A', 'B', 'C', 'D']), { nil: undefined, freq: 2 })
    })
    .map((r): ComposeService => ({
      name: 's',
      file: 'f',
      ...(r.image ? { image: sourced(r.image) } : {}),
      environment: new Map(r.env.map(([k, v]) => [k, sourced<string | null>(v)])),
      envFiles: r.envFiles.map((path) => sourced({ path, required: true })),
      ports: r.ports.map((p) => sourced<unknown>(p)),
      volumes: r.volumes.map((v) => sourced(v)),
      profiles: r.profiles,
      ...(r.replaced ? { replaced: new Set(r.replaced) } : {}),
      ...(r.unset ? { unsetEnvironment: new Set(r.unset) } : {})
    }))
  const plain = (s: ComposeService) => ({
    image: s.image?.value,
    env: [...s.environment].map(([k, v]) => [k, v.value]),
    envFiles: s.envFiles.map((f) => f.value.path),
    ports: s.ports.map((p) => p.value),
    volumes: s.volumes.map((v) => v.value),
    profiles: s.profiles
  })

  it('is associative, and a variable has the value of the last service that sets or resets it', () => {
    fc.assert(
      fc.property(service, service, service, (a, b, c) => {
        const left = mergeService(mergeService(a, b), c)
        expect(plain(left)).toEqual(plain(mergeService(a, mergeService(b, c))))
        // The last service that says anything of a variable: sets it, or removes it (resetting
        // it, or the whole environment); none: it is not there.
        for (const k of ['A', 'B', 'C', 'D']) {
          const last = [c, b, a].find(
            (s) =>
              s.environment.has(k) || s.unsetEnvironment?.has(k) || s.replaced?.has('environment')
          )
          expect(left.environment.get(k)?.value).toBe(last?.environment.get(k)?.value)
        }
        const image = [c, b, a].find((s) => s.image || s.replaced?.has('image'))
        expect(left.image?.value).toBe(image?.image?.value)
        // Ports after the last service that replaces them are the only ones.
        const from = [a, b, c].findLastIndex((s) => s.replaced?.has('ports'))
        const ports = [a, b, c].slice(Math.max(from, 0)).flatMap((s) => s.ports.map((p) => p.value))
        expect(new Set(plain(left).ports)).toEqual(new Set(ports))
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

  it("takes an override file's !reset and !override as compose merges them", () => {
    // A project's compose.yml and the compose.override.yml a developer keeps beside it: another
    // host port in place of the published one, a retention setting removed, partitions changed.
    const dir = project({
      'compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka:4.0.0',
        '    ports:',
        '      - "9092:9092"',
        '    environment:',
        '      KAFKA_LISTENERS: PLAINTEXT://:9092',
        '      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092',
        '      KAFKA_NUM_PARTITIONS: 3',
        '      KAFKA_LOG_RETENTION_HOURS: 24',
        '    profiles: [kafka]',
        ''
      ].join('\n'),
      'compose.override.yml': [
        'services:',
        '  kafka:',
        '    ports: !override',
        '      - "29092:9092"',
        '    environment:',
        '      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:29092',
        '      KAFKA_NUM_PARTITIONS: 6',
        '      KAFKA_LOG_RETENTION_HOURS: !reset null',
        '    profiles: !reset []',
        ''
      ].join('\n')
    })
    const files = [join(dir, 'compose.yml'), join(dir, 'compose.override.yml')]
    const kafka = loadComposeProject(files, [], {}).services.get('kafka')!
    expect(kafka.ports.map((p) => p.value)).toEqual(['29092:9092'])
    expect(kafka.environment.has('KAFKA_LOG_RETENTION_HOURS')).toBe(false)
    expect(kafka.profiles).toEqual([])
    const props = readComposeFile(files, undefined, {}, {})
    expect(props.values.port).toBe('29092')
    expect(props.values['broker-config']).toEqual(['num.partitions=6'])
    // Without the tags, both ports would be published and the retention kept.
    const plainDir = project({
      'compose.yml': readFileSync(files[0], 'utf8'),
      'compose.override.yml': readFileSync(files[1], 'utf8').replace(/ !(override|reset)/g, '')
    })
    const plainKafka = loadComposeProject(
      [join(plainDir, 'compose.yml'), join(plainDir, 'compose.override.yml')],
      [],
      {}
    ).services.get('kafka')!
    expect(plainKafka.ports.map((p) => p.value)).toEqual(['9092:9092', '29092:9092'])
    expect(plainKafka.environment.has('KAFKA_LOG_RETENTION_HOURS')).toBe(true)
  })

  it('resets and replaces whole services and whole environments; a later file sets again', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka:4.0.0',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_LISTENERS: PLAINTEXT://:9092',
        '      KAFKA_NUM_PARTITIONS: 3',
        '      KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false"',
        '  schema-registry:',
        '    image: confluentinc/cp-schema-registry:7.6.0',
        '  ui:',
        '    image: provectuslabs/kafka-ui',
        '    environment: { KAFKA_CLUSTERS_0_NAME: local }',
        ''
      ].join('\n'),
      'no-ui.yml': [
        'services:',
        '  ui: !reset null',
        '  schema-registry: !override',
        '    image: apicurio/apicurio-registry',
        '  kafka:',
        '    ports: !reset []',
        '    environment: !override',
        '      KAFKA_LISTENERS: PLAINTEXT://:9092',
        '      KAFKA_LOG_RETENTION_HOURS: 2',
        ''
      ].join('\n'),
      'ports.yml': ['services:', '  kafka:', '    ports: ["39092:9092"]', ''].join('\n')
    })
    const files = ['compose.yml', 'no-ui.yml', 'ports.yml'].map((f) => join(dir, f))
    const { services } = loadComposeProject(files, [], {})
    expect([...services.keys()]).toEqual(['kafka', 'schema-registry'])
    expect(services.get('schema-registry')!.image?.value).toBe('apicurio/apicurio-registry')
    const kafka = services.get('kafka')!
    expect(kafka.ports.map((p) => p.value)).toEqual(['39092:9092'])
    expect([...kafka.environment.keys()]).toEqual(['KAFKA_LISTENERS', 'KAFKA_LOG_RETENTION_HOURS'])
    expect(readComposeFile(files, 'kafka', {}, {}).values['broker-config']).toEqual([
      'log.retention.hours=2'
    ])
    // A service reset with none before it is not there; one defined again after is.
    const again = project({
      'a.yml': 'services:\n  kafka: !reset {}\n  b:\n    image: busybox\n',
      'b.yml': 'services:\n  kafka:\n    image: apache/kafka\n'
    })
    expect([...loadComposeProject(join(again, 'a.yml'), [], {}).services.keys()]).toEqual(['b'])
    expect([
      ...loadComposeProject([join(again, 'a.yml'), join(again, 'b.yml')], [], {}).services.keys()
    ]).toEqual(['b', 'kafka'])
  })

  it('replaces a service whose override extends another, as the service it extends gives it', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka',
        '    environment: { KAFKA_NUM_PARTITIONS: 3 }',
        ''
      ].join('\n'),
      'local.yml': [
        'services:',
        '  base:',
        '    image: apache/kafka',
        '    environment: { KAFKA_LOG_RETENTION_HOURS: 2 }',
        '  kafka: !override',
        '    extends: base',
        ''
      ].join('\n')
    })
    const files = [join(dir, 'compose.yml'), join(dir, 'local.yml')]
    const kafka = loadComposeProject(files, [], {}).services.get('kafka')!
    expect([...kafka.environment.keys()]).toEqual(['KAFKA_LOG_RETENTION_HOURS'])
  })

  it('applies the tags of a service over the one it extends', () => {
    const dir = project({
      'compose.yml': [
        'services:',
        '  base:',
        '    image: apache/kafka',
        '    ports: ["19092:9092"]',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: 3',
        '      KAFKA_LOG_RETENTION_HOURS: 24',
        '  kafka:',
        '    extends: base',
        '    ports: !override ["29092:9092"]',
        '    environment:',
        '      KAFKA_NUM_PARTITIONS: !reset null',
        ''
      ].join('\n')
    })
    const kafka = loadComposeProject(join(dir, 'compose.yml'), [], {}).services.get('kafka')!
    expect(kafka.ports.map((p) => p.value)).toEqual(['29092:9092'])
    expect([...kafka.environment.keys()]).toEqual(['KAFKA_LOG_RETENTION_HOURS'])
  })

  it('refuses other tags, and these where they cannot apply, naming the file and line', () => {
    const dir = project({
      'compose.yml': 'services:\n  kafka:\n    image: apache/kafka\n    ports: ["19092:9092"]\n',
      'other.yml': 'services:\n  kafka:\n    image: !env KAFKA_IMAGE\n',
      'item.yml': 'services:\n  kafka:\n    ports:\n      - !reset "19092:9092"\n',
      'list-env.yml': 'services:\n  kafka:\n    environment:\n      - !reset KAFKA_X=1\n',
      'extends.yml': 'services:\n  kafka:\n    extends: !reset {service: base}\n',
      'services.yml': 'services: !override\n  kafka:\n    image: apache/kafka\n'
    })
    const base = join(dir, 'compose.yml')
    const refused = (file: string) =>
      refusal(() => loadComposeProject([base, join(dir, file)], [], {}))
    expect(refused('other.yml')).toBe(
      `${join(dir, 'other.yml')} line 3: the !env tag is not supported (write the merged value out in one file)`
    )
    expect(refused('item.yml')).toBe(
      `${join(dir, 'item.yml')} line 4: the !reset tag is taken on a service, one of its settings or one of its environment variables (NAME: !reset ...), not inside ports:`
    )
    expect(refused('list-env.yml')).toBe(
      `${join(dir, 'list-env.yml')} line 4: the !reset tag is taken on a service, one of its settings or one of its environment variables (NAME: !reset ...), not inside environment:`
    )
    expect(refused('extends.yml')).toBe(
      `${join(dir, 'extends.yml')} line 3: the !reset tag is not supported on extends:`
    )
    expect(refused('services.yml')).toBe(
      `${join(dir, 'services.yml')} line 1: the !override tag is not supported on services: (tag the services or settings it merges)`
    )
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
