// `logdeck serve` flag parsing and its help, both from the one flag table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs, wantsHelp } from '../../../src/server/cli-args'
import { UsageError } from '../../../src/server/cli-errors'
import { mainHelp, SERVE_FLAGS, serveHelp } from '../../../src/server/cli-flags'
import { writeDevCertificates } from '../../../src/server/dev-certificates'

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
      connectionsFile: null,
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
      'kafka.local',
      '--storage-reserve-bytes',
      '0',
      '--storage-low-free-bytes',
      '5000000',
      '--client-metrics-export',
      'http://collector:4318/v1/metrics',
      '--client-metrics-export-header',
      'Authorization=Bearer t0ken',
      '--client-metrics-export-protocol',
      'http/protobuf',
      '--broker-metrics-port',
      '9404'
    ])
    expect(o).toEqual({
      dataDir: '/tmp/x',
      host: '0.0.0.0',
      advertisedHost: 'kafka.local',
      port: 19092,
      brokers: 5,
      brokerIds: [0, 1, 2, 3, 4],
      uiPort: 0,
      token: 'abc',
      demo: false,
      stoppedBrokers: [],
      connectionsFile: null,
      fsync: false,
      replicationDelayMs: 0,
      replicaLagTimeMaxMs: 10_000,
      storage: { reserveBytes: 0, lowFreeBytes: 5_000_000 },
      limits: {},
      brokerConfigs: {},
      security: { protocol: 'PLAINTEXT' },
      listeners: [],
      advertisedListeners: [],
      schemaRegistry: { port: 8081, basicAuth: null, tls: null },
      faults: [],
      authorizer: null,
      metricsPort: null,
      brokerMetricsPort: 9404,
      clientMetricsExport: {
        url: 'http://collector:4318/v1/metrics',
        protocol: 'http/protobuf',
        headers: { Authorization: 'Bearer t0ken' }
      }
    })
    expect(parseServeArgs(['--port', '0']).schemaRegistry.port).toBe(0)
    expect(parseServeArgs(['--schema-registry-port', '18081']).schemaRegistry.port).toBe(18081)
    expect(parseServeArgs(['--no-schema-registry']).schemaRegistry.port).toBeNull()
    expect(parseServeArgs(['--schema-registry-auth', 'sr:secret']).schemaRegistry.basicAuth).toBe(
      'sr:secret'
    )
    expect(() => parseServeArgs(['--schema-registry-port', '1', '--no-schema-registry'])).toThrow(
      /cannot be used together/
    )
    // A registry not served takes none of its settings, each refused naming both flags.
    for (const [flag, value] of [
      ['--schema-registry-auth', 'sr:secret'],
      ['--schema-registry-tls-cert', 'cert.pem'],
      ['--schema-registry-tls-key', 'key.pem'],
      ['--schema-registry-tls-ca', 'ca.pem'],
      ['--schema-registry-port', '18081']
    ])
      expect(() => parseServeArgs(['--no-schema-registry', flag, value]), flag).toThrow(
        new UsageError(`${flag} and --no-schema-registry cannot be used together`)
      )
    expect(() =>
      parseServeArgs([
        '--schema-registry-tls-cert',
        'cert.pem',
        '--schema-registry-tls-key',
        'key.pem',
        '--no-schema-registry'
      ])
    ).toThrow(
      new UsageError('--schema-registry-tls-cert and --no-schema-registry cannot be used together')
    )
    expect(() => parseServeArgs(['--schema-registry-auth', 'nocolon'])).toThrow(/USER:PASSWORD/)
    // The registry's certificate files are read before anything starts.
    const certDir = mkdtempSync(join(tmpdir(), 'logdeck-cli-registry-tls-'))
    try {
      const certs = writeDevCertificates(certDir)
      expect(
        parseServeArgs([
          '--schema-registry-tls-cert',
          certs.cert,
          '--schema-registry-tls-key',
          certs.key,
          '--schema-registry-tls-ca',
          certs.ca
        ]).schemaRegistry.tls
      ).toEqual({ cert: certs.cert, key: certs.key, ca: certs.ca })
      expect(() =>
        parseServeArgs([
          '--schema-registry-tls-cert',
          certs.cert,
          '--schema-registry-tls-key',
          certs.clientKey
        ])
      ).toThrow(
        new UsageError(
          `--schema-registry-tls-key ${certs.clientKey} is not the key of --schema-registry-tls-cert ${certs.cert}`
        )
      )
    } finally {
      rmSync(certDir, { recursive: true, force: true })
    }
    expect(() => parseServeArgs(['--schema-registry-tls-key', 'k.pem'])).toThrow(/go together/)
    expect(parseServeArgs(['--stopped-brokers', '1,2']).stoppedBrokers).toEqual([1, 2])
    // --broker-ids: the brokers' own ids, as many brokers, in id order.
    const ids = parseServeArgs(['--broker-ids', '3, 1,2', '--stopped-brokers', '3'])
    expect([ids.brokers, ids.brokerIds, ids.stoppedBrokers]).toEqual([3, [1, 2, 3], [3]])
    expect(parseServeArgs(['--broker-ids', '7', '--brokers', '1']).brokerIds).toEqual([7])
    expect(
      parseServeArgs([
        '--broker-ids',
        '1,2',
        '--broker-rack',
        '2=b',
        '--fault',
        'brokerId=2,leaveIsr'
      ])
    ).toMatchObject({ brokerRacks: [null, 'b'], faults: [{ target: { brokerId: 2 } }] })
    expect(parseServeArgs(['--replication-delay-ms', '250']).replicationDelayMs).toBe(250)
    expect(parseServeArgs(['--fsync']).fsync).toBe(true)
    expect(parseServeArgs(['--connections', 'team.yaml']).connectionsFile).toBe('team.yaml')
    expect(parseServeArgs(['--demo', '--in-memory']).demo).toBe(true)
    expect(parseServeArgs(['--no-ui', '--in-memory']).uiPort).toBeNull()
  })

  it('reads limits under their Kafka names and checks their ranges', () => {
    expect(
      parseServeArgs([
        '--max.connections',
        '50',
        '--fetch.max.bytes=1048576',
        '--connections.max.idle.ms',
        '5000'
      ]).limits
    ).toEqual({ maxConnections: 50, fetchMaxBytes: 1_048_576, connectionsMaxIdleMs: 5000 })
    expect(() => parseServeArgs(['--max.connections', '0'])).toThrow(
      "--max.connections must be a whole number from 1 to 1000000, got '0'"
    )
  })

  it('reads --broker-config KEY=VALUE, repeated, and names a bad key or value', () => {
    expect(
      parseServeArgs([
        '--broker-config',
        'num.partitions=3',
        '--broker-config=log.cleanup.policy=compact, delete',
        '--broker-config',
        'auto.create.topics.enable=false'
      ]).brokerConfigs
    ).toEqual({
      'num.partitions': '3',
      'log.cleanup.policy': 'compact,delete',
      'auto.create.topics.enable': 'false'
    })
    expect(() => parseServeArgs(['--broker-config', 'num.partitons=3'])).toThrow(
      "--broker-config: unknown broker config 'num.partitons'"
    )
    expect(() => parseServeArgs(['--broker-config', 'num.partitions=zero'])).toThrow(
      "--broker-config num.partitions: 'zero' must be a whole number"
    )
    expect(() => parseServeArgs(['--broker-config', 'num.partitions'])).toThrow(
      "--broker-config takes KEY=VALUE, got 'num.partitions'"
    )
  })

  it('names --broker-config, as given, when a listener JAAS config given with it is refused', () => {
    const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule'
    const base = [
      '--in-memory',
      '--security',
      'sasl_plaintext',
      '--listener',
      'APPS=sasl_plaintext:9192'
    ]
    const jaas = (key: string, value: string) => ['--broker-config', `${key}=${value}`]
    expect(() =>
      parseServeArgs([
        ...base,
        ...jaas('listener.name.apps.plain.sasl.jaas.config', `${PLAIN} required user_x;`)
      ])
    ).toThrow(
      new UsageError(
        '--broker-config listener.name.apps.plain.sasl.jaas.config: not a JAAS configuration: the option \'user_x\' has no value (user_x="VALUE")'
      )
    )
    expect(() =>
      parseServeArgs([
        ...base,
        ...jaas('listener.name.APPS.PLAIN.sasl.jaas.config', 'com.example.Login required;')
      ])
    ).toThrow(
      new UsageError(
        "--broker-config listener.name.APPS.PLAIN.sasl.jaas.config: PLAIN's login module is org.apache.kafka.common.security.plain.PlainLoginModule, got com.example.Login (Logdeck loads no Java classes)"
      )
    )
    expect(() =>
      parseServeArgs([
        ...base,
        ...jaas('listener.name.other.plain.sasl.jaas.config', `${PLAIN} required user_a="1";`)
      ])
    ).toThrow(
      new UsageError(
        '--broker-config listener.name.other.plain.sasl.jaas.config: no listener is named other (the listeners are SASL_PLAINTEXT, APPS)'
      )
    )
    // The same listener's JAAS config twice: each named by its own flag.
    expect(() =>
      parseServeArgs([
        ...base,
        '--listener-config',
        `APPS.plain.sasl.jaas.config=${PLAIN} required user_b="2";`,
        ...jaas('listener.name.apps.plain.sasl.jaas.config', `${PLAIN} required user_a="1";`)
      ])
    ).toThrow(
      new UsageError(
        "--broker-config listener.name.apps.plain.sasl.jaas.config: APPS's plain.sasl.jaas.config is already given by --listener-config APPS.plain.sasl.jaas.config"
      )
    )
    // Through --listener-config, as before.
    expect(() =>
      parseServeArgs([
        ...base,
        '--listener-config',
        `APPS.plain.sasl.jaas.config=${PLAIN} required user_x;`
      ])
    ).toThrow(
      new UsageError(
        '--listener-config APPS.plain.sasl.jaas.config: not a JAAS configuration: the option \'user_x\' has no value (user_x="VALUE")'
      )
    )
    // Without its listener or mechanism, a JAAS config is not a broker's: the refusal says where it goes.
    for (const key of [
      'sasl.jaas.config',
      'plain.sasl.jaas.config',
      'listener.name.apps.sasl.jaas.config'
    ])
      expect(() =>
        parseServeArgs([...base, ...jaas(key, `${PLAIN} required user_a="1";`)])
      ).toThrow(
        new UsageError(
          `--broker-config ${key}: a broker reads its JAAS config only per listener and mechanism: --broker-config listener.name.<listener>.<mechanism>.sasl.jaas.config=... (or --listener-config <listener>.<mechanism>.sasl.jaas.config=..., or the KafkaServer section of --jaas-config FILE)`
        )
      )
  })

  it('takes up to 32 brokers, by number or by id, each at PORT+i', () => {
    const twelve = parseServeArgs(['--brokers', '12', '--port', '19092'])
    expect(twelve.brokers).toBe(12)
    expect(twelve.brokerIds).toEqual(Array.from({ length: 12 }, (_, i) => i))
    const ids = Array.from({ length: 32 }, (_, i) => 1001 + i)
    const most = parseServeArgs(['--broker-ids', ids.join(',')])
    expect([most.brokers, most.brokerIds]).toEqual([32, ids])
    expect(() => parseServeArgs(['--brokers', '32', '--port', '65510'])).toThrow(
      '--port 65510 leaves no room for 32 brokers (PORT+31 must be at most 65535)'
    )
  })

  it("refuses metrics ports among the brokers' ports, the console's or the registry's", () => {
    const refused = (args: string[]) => () => parseServeArgs(['--port', '19092', ...args])
    expect(refused(['--brokers', '32', '--broker-metrics-port', '19100'])).toThrow(
      "--broker-metrics-port 19100: its brokers' ports 19100-19131 clash with --port (ports 19092-19123)"
    )
    expect(refused(['--brokers', '32', '--metrics-port', '19123'])).toThrow(
      '--metrics-port 19123: its port 19123 clashes with --port (ports 19092-19123)'
    )
    expect(
      refused([
        '--listener',
        'out=plaintext:19200',
        '--brokers',
        '12',
        '--broker-metrics-port',
        '19190'
      ])
    ).toThrow(
      "--broker-metrics-port 19190: its brokers' ports 19190-19201 clash with --listener out=plaintext:19200 (ports 19200-19211)"
    )
    expect(refused(['--ui-port', '19300', '--broker-metrics-port', '19299'])).toThrow(
      "--broker-metrics-port 19299: its brokers' ports 19299-19301 clash with --ui-port (port 19300)"
    )
    expect(refused(['--metrics-port', '8081'])).toThrow(
      '--metrics-port 8081: its port 8081 clashes with --schema-registry-port (port 8081)'
    )
    expect(refused(['--metrics-port', '19401', '--broker-metrics-port', '19400'])).toThrow(
      "--broker-metrics-port 19400: its brokers' ports 19400-19402 clash with --metrics-port (port 19401)"
    )
    // The brokers' own ports and the console's, which were taken apart only when a broker or the
    // console could not listen.
    expect(refused(['--brokers', '32', '--ui-port', '19100'])).toThrow(
      "--port 19092: its brokers' ports 19092-19123 clash with --ui-port 19100"
    )
    // Free ports (0) clash with nothing.
    expect(
      parseServeArgs(['--port', '0', '--brokers', '32', '--broker-metrics-port', '0'])
    ).toMatchObject({ brokerMetricsPort: 0 })
    expect(
      parseServeArgs(['--port', '19092', '--brokers', '32', '--broker-metrics-port', '19124'])
    ).toMatchObject({ brokerMetricsPort: 19124 })
  })

  it('takes --flag=value and the last of a repeated flag', () => {
    expect(parseServeArgs(['--port=19092', '--brokers=1', '--brokers', '2'])).toMatchObject({
      port: 19092,
      brokers: 2
    })
  })

  it.each([
    [
      ['--brokers', '33'],
      "--brokers must be a whole number from 1 to 32, got '33'"
    ],
    [['--brokers', '0'], "--brokers must be a whole number from 1 to 32, got '0'"],
    [['--port', '70000'], "--port must be a whole number from 0 to 65535, got '70000'"],
    [['--port', '65534'], '--port 65534 leaves no room for 3 brokers'],
    [
      ['--broker-metrics-port', '65534'],
      '--broker-metrics-port 65534 leaves no room for 3 brokers (PORT+2 must be at most 65535)'
    ],
    [['--port', 'x'], '--port must be a whole number'],
    [['--port', '-1'], '--port needs a value'],
    [['--port'], '--port needs a value (--port PORT)'],
    [['--port', '--demo'], '--port needs a value'],
    [['--ui-port', '1.5'], '--ui-port must be a whole number'],
    [
      ['--replica-lag-time-max-ms', '99'],
      '--replica-lag-time-max-ms must be a whole number from 100'
    ],
    [['--in-memory', '--data-dir', 'd'], 'cannot be used together'],
    [['--data-dir='], '--data-dir needs a folder'],
    [['--no-ui', '--ui-port', '1'], 'cannot be used together'],
    [['--token', 'has space'], '--token must be'],
    [['--bogus'], 'unknown flag --bogus'],
    [['-x'], 'unknown flag -x'],
    [['--ui-prot', '1'], 'unknown flag --ui-prot; did you mean --ui-port?'],
    [['--demo=yes'], "--demo takes no value, got 'yes'"],
    [['serve'], "unexpected argument 'serve'"],
    [['--stopped-brokers', '3'], 'takes ids of the brokers (0, 1, 2)'],
    [['--broker-ids', '1,2', '--stopped-brokers', '0'], 'takes ids of the brokers (1, 2)'],
    [
      ['--broker-ids', '1,x'],
      "--broker-ids takes broker ids (whole numbers from 0 to 2147483647), comma-separated, got 'x'"
    ],
    [['--broker-ids', '2147483648'], "got '2147483648'"],
    [['--broker-ids', '1,2,1'], '--broker-ids 1,2,1: broker id 1 is given twice'],
    [
      ['--broker-ids', Array.from({ length: 33 }, (_, i) => i * 10).join(',')],
      '33 brokers; Logdeck serves at most 32'
    ],
    [
      ['--broker-ids', '1,2', '--brokers', '3'],
      '--brokers 3 and --broker-ids 1,2 (2 brokers) disagree'
    ],
    [
      ['--broker-ids', '1,2', '--fault', 'brokerId=0,leaveIsr'],
      'there is no broker 0 (the brokers are 1, 2)'
    ],
    [
      ['--security', 'kerberos'],
      '--security must be one of plaintext, sasl_plaintext, ssl, sasl_ssl'
    ],
    [['--security', 'ssl'], '--security ssl needs --tls-cert and --tls-key'],
    [['--tls-cert', 'c.pem'], '--tls-cert needs --security ssl or sasl_ssl'],
    [
      ['--security', 'ssl', '--tls-cert', '/nonexistent/c.pem', '--tls-key', 'k.pem'],
      '--tls-cert /nonexistent/c.pem does not exist'
    ],
    [
      ['--security', 'ssl', '--tls-cert', 'package.json', '--tls-key', 'package.json'],
      '--tls-cert package.json is not a PEM file'
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError)
    expect(() => parseServeArgs(argv)).toThrow(message)
  })

  it('names no flag it does not know and suggests none for a far-off name', () => {
    expect(() => parseServeArgs(['--colour'])).toThrow(/^unknown flag --colour$/)
  })

  it('sees --help before any other mistake, and not after --', () => {
    expect(wantsHelp(['--port', '70000', '--help'])).toBe(true)
    expect(wantsHelp(['-h'])).toBe(true)
    expect(wantsHelp(['--in-memory'])).toBe(false)
    expect(wantsHelp(['--', '--help'])).toBe(false)
  })
})

describe('serve --help', () => {
  const help = serveHelp()
  const lines = help.split('\n')

  it('describes every flag in one line with its default', () => {
    for (const f of SERVE_FLAGS) {
      const name = f.name.replace(/\./g, '\\.')
      const line = lines.filter((l) => new RegExp(`^\\s+(?:-\\w, )?--${name}(?![-.\\w])`).test(l))
      expect(line, f.name).toHaveLength(1)
      if (f.name !== 'help') expect(line[0]).toContain(`default ${f.default})`)
      if (f.range) expect(line[0]).toContain(`${f.range[0]} to ${f.range[1]}`)
    }
  })

  it('shows the defaults the parser applies', () => {
    const o = parseServeArgs([])
    const byName = (name: string) => SERVE_FLAGS.find((f) => f.name === name)?.default
    expect(String(o.port)).toBe(byName('port'))
    expect(String(o.brokers)).toBe(byName('brokers'))
    expect(String(o.uiPort)).toBe(byName('ui-port'))
    expect(o.host).toBe(byName('host'))
    expect(String(o.replicationDelayMs)).toBe(byName('replication-delay-ms'))
    expect(String(o.replicaLagTimeMaxMs)).toBe(byName('replica-lag-time-max-ms'))
  })

  it('lists the commands and global flags in the main help', () => {
    expect(mainHelp()).toMatch(/^\s+serve\s+run the embedded/m)
    expect(mainHelp()).toMatch(/-v, --version\s+print the version/)
  })
})

describe('serve --security', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-cli-tls-'))
  const a = writeDevCertificates(join(dir, 'a'))
  const b = writeDevCertificates(join(dir, 'b'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is plaintext unless asked', () => {
    expect(parseServeArgs([]).security).toEqual({ protocol: 'PLAINTEXT' })
  })

  it('reads the certificate, key and client CA for ssl', () => {
    const opts = parseServeArgs([
      '--security',
      'SSL',
      '--tls-cert',
      a.cert,
      '--tls-key',
      a.key,
      '--tls-ca',
      a.ca
    ])
    expect(opts.security.protocol).toBe('SSL')
    expect(opts.security.tls?.cert).toContain('BEGIN CERTIFICATE')
    expect(opts.security.tls?.ca).toContain('BEGIN CERTIFICATE')
  })

  it('refuses a client CA file that holds no certificate, as every client would be refused', () => {
    const ssl = ['--security', 'ssl', '--tls-cert', a.cert, '--tls-key', a.key]
    expect(() => parseServeArgs([...ssl, '--tls-ca', a.caKey])).toThrow(
      new UsageError(`--tls-ca ${a.caKey} holds no certificate (PEM)`)
    )
    expect(() =>
      parseServeArgs([
        ...ssl,
        '--listener',
        'INTERNAL=ssl:0',
        '--listener-config',
        `INTERNAL.tls-ca=${a.clientKey}`
      ])
    ).toThrow(/holds no certificate \(PEM\)/)
  })

  it('takes ssl.principal.mapping.rules with a client CA, naming a bad rule', () => {
    const ssl = ['--security', 'ssl', '--tls-cert', a.cert, '--tls-key', a.key]
    const rules = 'RULE:^CN=([^,]*),.*$/$1/L, DEFAULT'
    expect(
      parseServeArgs([...ssl, '--tls-ca', a.ca, '--ssl.principal.mapping.rules', rules]).security
        .sslPrincipalMappingRules
    ).toBe(rules)
    expect(() =>
      parseServeArgs([...ssl, '--tls-ca', a.ca, '--ssl.principal.mapping.rules', 'RULE:x/y/Q'])
    ).toThrow("--ssl.principal.mapping.rules: invalid rule 'RULE:x/y/Q'")
    expect(() => parseServeArgs([...ssl, '--ssl.principal.mapping.rules', rules])).toThrow(
      '--ssl.principal.mapping.rules needs --security ssl and --tls-ca'
    )
  })

  it("refuses a key that is not the certificate's", () => {
    expect(() =>
      parseServeArgs(['--security', 'ssl', '--tls-cert', a.cert, '--tls-key', b.key])
    ).toThrow(`--tls-key ${b.key} is not the key of --tls-cert ${a.cert}`)
  })
})

describe('serve --user, --users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-cli-users-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes users from repeated flags and a file, passwords with colons included', () => {
    const file = join(dir, 'users.txt')
    writeFileSync(file, '# team\nbob:b0b\n\ncarol:c:a:r\n')
    const opts = parseServeArgs([
      '--security',
      'sasl_plaintext',
      '--user',
      'alice:pw',
      '--user',
      'dave:x:y',
      '--users',
      file,
      '--connections.max.reauth.ms',
      '60000'
    ])
    expect(opts.security).toEqual({
      protocol: 'SASL_PLAINTEXT',
      users: [
        { name: 'alice', password: 'pw' },
        { name: 'dave', password: 'x:y' },
        { name: 'bob', password: 'b0b' },
        { name: 'carol', password: 'c:a:r' }
      ],
      maxReauthMs: 60000,
      saslMechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']
    })
  })

  it.each([
    [['--user', 'a:b'], '--user needs --security sasl_plaintext or sasl_ssl'],
    [['--security', 'sasl_plaintext', '--user', 'nopassword'], '--user must be NAME:PASSWORD'],
    [['--security', 'sasl_plaintext', '--user', ':pw'], '--user must be NAME:PASSWORD'],
    [
      ['--security', 'sasl_plaintext', '--users', '/nonexistent'],
      '--users /nonexistent does not exist'
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message)
  })

  it('names the line of a bad users file', () => {
    const file = join(dir, 'bad.txt')
    writeFileSync(file, 'ok:pw\nbroken\n')
    expect(() => parseServeArgs(['--security', 'sasl_ssl', '--users', file])).toThrow(
      `--users ${file} line 2 must be NAME:PASSWORD`
    )
  })
})

describe('serve --sasl.enabled.mechanisms and the OAUTHBEARER validator options', () => {
  it('offers the mechanisms listed, and reads the unsecured validator options', () => {
    const opts = parseServeArgs([
      '--security',
      'sasl_plaintext',
      '--sasl.enabled.mechanisms',
      'oauthbearer, SCRAM-SHA-512',
      '--unsecuredValidatorPrincipalClaimName',
      'preferred_username',
      '--unsecuredValidatorRequiredScope',
      'kafka, produce',
      '--unsecuredValidatorAllowableClockSkewMs',
      '2000'
    ])
    expect(opts.security).toEqual({
      protocol: 'SASL_PLAINTEXT',
      users: [],
      maxReauthMs: 0,
      saslMechanisms: ['OAUTHBEARER', 'SCRAM-SHA-512'],
      oauthBearer: {
        principalClaimName: 'preferred_username',
        scopeClaimName: 'scope',
        requiredScope: ['kafka', 'produce'],
        allowableClockSkewMs: 2000
      }
    })
  })

  it.each([
    [
      ['--sasl.enabled.mechanisms', 'PLAIN'],
      '--sasl.enabled.mechanisms needs --security sasl_plaintext or sasl_ssl'
    ],
    [
      ['--security', 'sasl_ssl', '--sasl.enabled.mechanisms', 'PLAIN,GSSAPI'],
      "--sasl.enabled.mechanisms: 'GSSAPI' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"
    ],
    [
      ['--security', 'sasl_ssl', '--sasl.enabled.mechanisms', ' , '],
      '--sasl.enabled.mechanisms must name at least one mechanism'
    ],
    [
      ['--security', 'sasl_plaintext', '--unsecuredValidatorRequiredScope', 'kafka'],
      '--unsecuredValidatorRequiredScope needs OAUTHBEARER in --sasl.enabled.mechanisms'
    ],
    [
      [
        '--security',
        'sasl_plaintext',
        '--sasl.enabled.mechanisms',
        'OAUTHBEARER',
        '--unsecuredValidatorPrincipalClaimName',
        ' '
      ],
      "--unsecuredValidatorPrincipalClaimName must be a claim name, got ' '"
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})

describe('serve --sasl.oauthbearer.jwks.endpoint.url and the secured validator options', () => {
  const oauth = ['--security', 'sasl_plaintext', '--sasl.enabled.mechanisms', 'OAUTHBEARER']
  it("reads Kafka's sasl.oauthbearer.* options; unsigned tokens are then not checked", () => {
    expect(
      parseServeArgs([
        ...oauth,
        '--sasl.oauthbearer.jwks.endpoint.url',
        'file:///etc/kafka/jwks.json',
        '--sasl.oauthbearer.expected.audience',
        'kafka, logdeck',
        '--sasl.oauthbearer.expected.issuer',
        'https://idp.example',
        '--sasl.oauthbearer.sub.claim.name',
        'client_id',
        '--sasl.oauthbearer.clock.skew.seconds',
        '5'
      ]).security.oauthBearer
    ).toEqual({
      jwks: {
        endpointUrl: 'file:///etc/kafka/jwks.json',
        refreshMs: 3_600_000,
        expectedAudience: ['kafka', 'logdeck'],
        expectedIssuer: 'https://idp.example',
        subClaimName: 'client_id',
        scopeClaimName: 'scope',
        clockSkewSeconds: 5
      }
    })
    expect(
      parseServeArgs([
        ...oauth,
        '--sasl.oauthbearer.jwks.endpoint.url',
        'https://idp.example/jwks',
        '--sasl.oauthbearer.jwks.endpoint.refresh.ms',
        '60000'
      ]).security.oauthBearer
    ).toEqual({
      jwks: {
        endpointUrl: 'https://idp.example/jwks',
        refreshMs: 60_000,
        subClaimName: 'sub',
        scopeClaimName: 'scope',
        clockSkewSeconds: 30
      }
    })
  })

  it.each([
    [
      ['--security', 'sasl_plaintext', '--sasl.oauthbearer.jwks.endpoint.url', 'file:///j.json'],
      '--sasl.oauthbearer.jwks.endpoint.url needs OAUTHBEARER in --sasl.enabled.mechanisms'
    ],
    [
      [...oauth, '--sasl.oauthbearer.expected.issuer', 'https://idp.example'],
      '--sasl.oauthbearer.expected.issuer needs --sasl.oauthbearer.jwks.endpoint.url'
    ],
    [
      [...oauth, '--sasl.oauthbearer.jwks.endpoint.url', '/etc/kafka/jwks.json'],
      "--sasl.oauthbearer.jwks.endpoint.url must be a file:, http: or https: URL, got '/etc/kafka/jwks.json'"
    ],
    [
      [
        ...oauth,
        '--sasl.oauthbearer.jwks.endpoint.url',
        'file:///j.json',
        '--unsecuredValidatorRequiredScope',
        'kafka'
      ],
      '--unsecuredValidatorRequiredScope is an option of the unsecured validator, not used with --sasl.oauthbearer.jwks.endpoint.url'
    ],
    [
      [
        ...oauth,
        '--sasl.oauthbearer.jwks.endpoint.url',
        'file:///j.json',
        '--sasl.oauthbearer.clock.skew.seconds',
        '7200'
      ],
      '--sasl.oauthbearer.clock.skew.seconds must be a whole number from 0 to 3600'
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})

describe('serve --authorizer, --super-user', () => {
  it('is off unless asked, and reads super users and allow.everyone.if.no.acl.found', () => {
    expect(parseServeArgs(['--in-memory']).authorizer).toBeNull()
    expect(
      parseServeArgs([
        '--authorizer',
        '--super-user',
        'admin',
        '--super-user',
        'User:ops',
        '--allow.everyone.if.no.acl.found'
      ]).authorizer
    ).toEqual({ superUsers: ['admin', 'User:ops'], allowEveryoneIfNoAclFound: true })
    expect(parseServeArgs(['--authorizer']).authorizer).toEqual({
      superUsers: [],
      allowEveryoneIfNoAclFound: false
    })
  })

  it.each([
    [['--super-user', 'admin'], '--super-user needs --authorizer'],
    [['--allow.everyone.if.no.acl.found'], '--allow.everyone.if.no.acl.found needs --authorizer'],
    [
      ['--authorizer', '--super-user', 'User:'],
      "--super-user needs a user name or TYPE:NAME, got 'User:'"
    ]
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})
