// The section of a JAAS file each SASL listener takes, as Kafka's JaasContext.loadServerContext
// picks it (`<listener>.KafkaServer`, else `KafkaServer`, for the mechanisms without a listener
// JAAS config of their own), the file read only when some listener needs it, and each refusal;
// the JAAS file KAFKA_OPTS names; a compose service's container path mapped to the host file by
// its bind mounts.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { UsageError } from '../../../src/server/cli-errors'
import { hostPathOf } from '../../../src/server/compose-volumes'
import type { ComposeProject, ComposeService } from '../../../src/server/compose-merge'
import {
  jaasFileOfJvmOptions,
  readJaasFile,
  type JaasListener
} from '../../../src/server/jaas-login-file'

const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule'
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-jaas-login-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const listener = (
  name: string,
  own: string[] = [],
  mechanisms: JaasListener['mechanisms'] = ['PLAIN', 'SCRAM-SHA-512'],
  securityProtocol: JaasListener['securityProtocol'] = 'SASL_PLAINTEXT'
): JaasListener => ({ name, securityProtocol, mechanisms, ownConfigs: new Set(own) })

const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (err) {
    if (err instanceof UsageError) return err.message
    throw err
  }
  throw new Error('not refused')
}

describe('readJaasFile', () => {
  it("gives each listener its own section, else KafkaServer, and its PLAIN config's users first", () => {
    const path = file(
      'two.conf',
      [
        `KafkaServer { ${PLAIN} required user_alice="a" user_bob="b"; };`,
        `external.KafkaServer { ${PLAIN} required user_carol="c"; ${PLAIN} required user_carol="x" user_dan="d"; };`,
        'Client { org.apache.zookeeper.server.auth.DigestLoginModule required; };',
        'other.KafkaServer { };'
      ].join('\n')
    )
    const use = readJaasFile({ path, shown: path }, [
      listener('INTERNAL'),
      listener('EXTERNAL'),
      listener('OWN', ['plain']),
      listener('PLAIN_ONLY', [], ['PLAIN'], 'PLAINTEXT')
    ])
    expect(
      Object.fromEntries(
        [...use.plainUsers].map(([l, u]) => [l, [u.section, Object.fromEntries(u.users)]])
      )
    ).toEqual({
      INTERNAL: ['KafkaServer', { alice: 'a', bob: 'b' }],
      // The first PlainLoginModule entry with the option wins, as configEntryOption looks it up.
      EXTERNAL: ['external.KafkaServer', { carol: 'c', dan: 'd' }]
    })
    expect(use.summary.join('\n')).toContain(
      "OWN takes section KafkaServer (PLAIN from listener.name.own.plain.sasl.jaas.config; SCRAM logins are the cluster's SASL users)"
    )
    expect(use.summary.join('\n')).toContain(
      "sections ignored: Client (ZooKeeper's client login: ZooKeeper is not used); other.KafkaServer (no login module: Java takes it for no section)"
    )
  })

  it("gives a listener whose section lists no user_ options no PLAIN user, as Kafka's handler", () => {
    const path = file(
      'no-users.conf',
      [
        `KafkaServer { ${PLAIN} required username="admin" password="admin-secret"; };`,
        'scram.KafkaServer { org.apache.kafka.common.security.scram.ScramLoginModule required; };'
      ].join('\n')
    )
    const use = readJaasFile({ path, shown: path }, [listener('EXTERNAL'), listener('SCRAM')])
    expect([...use.plainUsers].map(([l, u]) => [l, u.section, u.users.size])).toEqual([
      ['EXTERNAL', 'KafkaServer', 0],
      ['SCRAM', 'scram.KafkaServer', 0]
    ])
    expect(use.summary[0]).toBe(
      "EXTERNAL takes section KafkaServer (no user_ options: every PLAIN login is refused, as Kafka refuses them; SCRAM logins are the cluster's SASL users); SCRAM takes section scram.KafkaServer (no PlainLoginModule with user_ options: every PLAIN login is refused, as Kafka refuses them; SCRAM logins are the cluster's SASL users)"
    )
  })

  it('is not read when every mechanism has its own config or no listener asks for SASL', () => {
    const missing = join(dir, 'missing.conf')
    expect(
      readJaasFile({ path: missing, shown: missing }, [listener('A', ['plain', 'scram-sha-512'])])
        .summary[0]
    ).toMatch(/^not read: every SASL listener's mechanisms have JAAS configs of their own/)
    expect(
      readJaasFile({ path: missing, shown: missing }, [listener('P', [], ['PLAIN'], 'PLAINTEXT')])
        .summary
    ).toEqual(['not read: no listener asks for a SASL login'])
    expect(
      refusal(() =>
        readJaasFile({ path: missing, shown: missing, unavailable: 'not mounted' }, [listener('A')])
      )
    ).toBe('not mounted')
    expect(
      refusal(() =>
        readJaasFile({ path: missing, shown: missing, missing: 'hint' }, [listener('A')])
      )
    ).toBe(`${missing} does not exist; hint`)
  })

  it('refuses a listener without a section, GSSAPI, other classes, and OAUTHBEARER with two modules', () => {
    const client = file('client.conf', `KafkaClient { ${PLAIN} required; };`)
    expect(
      refusal(() => readJaasFile({ path: client, shown: client }, [listener('EXTERNAL')]))
    ).toMatch(
      /has no section KafkaServer or external\.KafkaServer for listener EXTERNAL .*; its sections are KafkaClient$/
    )
    const krb = file(
      'krb.conf',
      'KafkaServer {\n com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;\n};'
    )
    expect(
      refusal(() => readJaasFile({ path: krb, shown: krb, context: 'ctx' }, [listener('A')]))
    ).toMatch(
      new RegExp(
        `^${krb} line 2 \\(ctx\\): section KafkaServer \\(listener A\\) logs in with com\\.sun\\.security\\.auth\\.module\\.Krb5LoginModule, Kerberos for SASL GSSAPI`
      )
    )
    const two = file(
      'two-modules.conf',
      `KafkaServer {\n ${PLAIN} required;\n org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;\n};`
    )
    expect(
      refusal(() => readJaasFile({ path: two, shown: two }, [listener('A', [], ['OAUTHBEARER'])]))
    ).toMatch(
      /line 1: section KafkaServer has 2 login modules, and listener A's OAUTHBEARER takes exactly one/
    )
    const bad = file('bad.conf', 'KafkaServer {\n M required user_a=1x;\n};')
    expect(refusal(() => readJaasFile({ path: bad, shown: bad }, [listener('A')]))).toBe(
      `${bad} line 2: not a JAAS file: '1' cannot start a bare word (Java reads a number there): quote the value with "`
    )
  })
})

describe('jaasFileOfJvmOptions', () => {
  it('finds -Djava.security.auth.login.config among other JVM options, the last one winning', () => {
    expect(jaasFileOfJvmOptions('-Djava.security.auth.login.config=/etc/kafka/jaas.conf')).toBe(
      '/etc/kafka/jaas.conf'
    )
    expect(
      jaasFileOfJvmOptions(
        '-Xmx1G -Djava.security.auth.login.config=/a.conf -Dzookeeper.sasl.client=false "-Djava.security.auth.login.config=/b c.conf"'
      )
    ).toBe('/b c.conf')
    expect(jaasFileOfJvmOptions('-Xmx1G -Dfoo.java.security.auth.login.config=/x')).toBeUndefined()
  })
})

describe('hostPathOf', () => {
  const project: ComposeProject = {
    file: 'docker-compose.yml',
    services: new Map(),
    profiles: [],
    unset: new Set()
  }
  const service = (volumes: unknown[]): ComposeService => ({
    name: 'kafka',
    file: 'docker-compose.yml',
    environment: new Map(),
    envFiles: [],
    ports: [],
    volumes: volumes.map((value, i) => ({
      value,
      file: 'docker-compose.yml',
      line: 10 + i,
      vars: new Map([['SECRETS', './from-var']]),
      dir: '/project'
    })),
    profiles: []
  })
  const what = 'KAFKA_OPTS -Djava.security.auth.login.config'

  it('maps a file or folder bind mount, relative to the project folder, the innermost winning', () => {
    const s = service([
      './secrets:/etc/kafka/secrets:ro',
      '${SECRETS}/jaas.conf:/etc/kafka/secrets/jaas.conf',
      { type: 'bind', source: '~/kafka', target: '/opt/kafka/config' },
      { type: 'bind', source: '/abs', target: '/etc/kafka/abs' }
    ])
    expect(hostPathOf(project, s, '/etc/kafka/secrets/kafka_server_jaas.conf', what).path).toBe(
      '/project/secrets/kafka_server_jaas.conf'
    )
    expect(hostPathOf(project, s, '/etc/kafka/secrets/jaas.conf', what)).toEqual({
      path: '/project/from-var/jaas.conf',
      mount: './from-var/jaas.conf:/etc/kafka/secrets/jaas.conf'
    })
    expect(hostPathOf(project, s, '/opt/kafka/config/x/j.conf', what).path).toBe(
      join(homedir(), 'kafka', 'x', 'j.conf')
    )
    expect(hostPathOf(project, s, '/etc/kafka/abs/../abs/j.conf', what).path).toBe('/abs/j.conf')
  })

  it('refuses a path no bind mount holds, naming the service and the path', () => {
    const s = service(['kafka-data:/var/lib/kafka/data', '/etc/kafka/anonymous'])
    expect(refusal(() => hostPathOf(project, s, '/etc/kafka/jaas.conf', what))).toMatch(
      /^docker-compose\.yml, service kafka: KAFKA_OPTS -Djava\.security\.auth\.login\.config \/etc\/kafka\/jaas\.conf is a path in the container, and no volume of the service mounts/
    )
    expect(refusal(() => hostPathOf(project, s, '/var/lib/kafka/data/jaas.conf', what))).toMatch(
      /^docker-compose\.yml line 10, service kafka, volumes: .* is in the named volume kafka-data mounted at \/var\/lib\/kafka\/data, not in a folder of the host/
    )
    expect(refusal(() => hostPathOf(project, s, '/etc/kafka/anonymous/j.conf', what))).toMatch(
      /is in an anonymous volume mounted at \/etc\/kafka\/anonymous/
    )
  })
})

describe("a compose service's JVM options for the JAAS file's ${name}", () => {
  it('takes -D of KAFKA_OPTS over JAVA_TOOL_OPTIONS, naming the service and line of what it cannot expand', () => {
    const project = mkdtempSync(join(dir, 'compose-'))
    cpSync(join(__dirname, '..', '..', 'fixtures', 'compose', 'cp-kafka-sasl-jaas'), project, {
      recursive: true
    })
    writeFileSync(
      join(project, 'secrets', 'kafka_server_jaas.conf'),
      `KafkaServer { ${PLAIN} required user_client="\${client.pw}"; };\nbroker.KafkaServer { ${PLAIN} required user_broker="\${broker.pw}"; };\n`
    )
    const file = join(project, 'docker-compose.yml')
    const text = readFileSync(file, 'utf8')
    const write = (opts: string) =>
      writeFileSync(
        file,
        text.replace(
          'KAFKA_OPTS: -Djava.security.auth.login.config=/etc/kafka/secrets/kafka_server_jaas.conf',
          `JAVA_TOOL_OPTIONS: -Dclient.pw=tool -Dbroker.pw=tool\n      KAFKA_OPTS: -Djava.security.auth.login.config=/etc/kafka/secrets/kafka_server_jaas.conf ${opts}`
        )
      )
    write('-Dclient.pw=c1')
    const o = parseServeArgs(['--in-memory', '--compose', file])
    expect([...o.security.listeners!.SASL_PLAINTEXT.plainUsers!]).toEqual([['client', 'c1']])
    expect([...o.security.listeners!.BROKER.plainUsers!]).toEqual([['broker', 'tool']])
    write('-Dclient.pw=c1 -Dbroker.pw')
    expect(refusal(() => parseServeArgs(['--in-memory', '--compose', file]))).toMatch(
      /line 2 \(KAFKA_OPTS -Djava\.security\.auth\.login\.config=\/etc\/kafka\/secrets\/kafka_server_jaas\.conf of .*docker-compose\.yml line \d+, service kafka, mounted by volume \.\/secrets:\/etc\/kafka\/secrets\): not a JAAS file: the value "\$\{broker\.pw\}" expands to an empty value/
    )
  })
})

describe('an OAuthBearerLoginModule section', () => {
  const OAUTH = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'
  const serve = (path: string, ...more: string[]) =>
    parseServeArgs([
      '--in-memory',
      '--security',
      'sasl_plaintext',
      '--sasl.enabled.mechanisms',
      'OAUTHBEARER',
      '--jaas-config',
      path,
      ...more
    ])

  it('gives the unsecured validator its options, the flags winning', () => {
    const path = file(
      'oauth.conf',
      `KafkaServer {\n ${OAUTH} required unsecuredLoginStringClaim_sub="admin"\n  unsecuredValidatorRequiredScope="read,write" unsecuredValidatorAllowableClockSkewMs="500" unsecuredValidatorPrincipalClaimName="uid";\n};`
    )
    expect(serve(path).security.oauthBearer).toEqual({
      principalClaimName: 'uid',
      scopeClaimName: 'scope',
      requiredScope: ['read', 'write'],
      allowableClockSkewMs: 500
    })
    expect(
      serve(
        path,
        '--unsecuredValidatorRequiredScope',
        'admin',
        '--unsecuredValidatorAllowableClockSkewMs',
        '7'
      ).security.oauthBearer
    ).toMatchObject({
      requiredScope: ['admin'],
      allowableClockSkewMs: 7,
      principalClaimName: 'uid'
    })
    const bad = file(
      'oauth-bad.conf',
      `KafkaServer {\n ${OAUTH} required unsecuredValidatorAllowableClockSkewMs="soon";\n};`
    )
    expect(refusal(() => serve(bad))).toBe(
      `--jaas-config ${bad} line 2: unsecuredValidatorAllowableClockSkewMs must be a whole number from 0 to 3600000, got 'soon'`
    )
  })
})

describe("KAFKA_OPTS of --server-properties' environment form", () => {
  it("expands the JAAS file's ${name} with the -D options of the JVM variables, naming what it cannot", () => {
    const sub = mkdtempSync(join(dir, 'props-'))
    writeFileSync(
      join(sub, 'kafka_server_jaas.conf'),
      `KafkaServer {\n  ${PLAIN} required\n  user_admin="\${kafka.admin.password}";\n};\n`
    )
    const jaasFile = (name: string, value: string) => {
      const path = join(sub, name)
      writeFileSync(path, `KafkaServer { ${PLAIN} required user_app="${value}"; };\n`)
      return path
    }
    const env = join(sub, 'kafka.env')
    const write = (...lines: string[]) =>
      writeFileSync(
        env,
        [
          'KAFKA_LISTENERS=SASL_PLAINTEXT://:9092',
          'KAFKA_SASL_ENABLED_MECHANISMS=PLAIN',
          ...lines
        ].join('\n')
      )
    write(
      'KAFKA_HEAP_OPTS="-Xmx1G -Dkafka.admin.password=heap"',
      'KAFKA_OPTS="-Djava.security.auth.login.config=kafka_server_jaas.conf -Dkafka.admin.password=adm1n"'
    )
    const o = parseServeArgs(['--in-memory', '--server-properties', env])
    expect([...o.security.listeners!.SASL_PLAINTEXT.plainUsers!]).toEqual([['admin', 'adm1n']])
    expect(o.security.jaasFile!.summary).toContain(
      `system properties expanded: \${kafka.admin.password} (-Dkafka.admin.password in KAFKA_OPTS of ${env} line 4)`
    )
    // --jaas-config wins over the file KAFKA_OPTS names, not over its other -D options.
    write('KAFKA_OPTS="-Dapp.pw=from-opts"')
    const withFlag = (path: string) =>
      parseServeArgs(['--in-memory', '--server-properties', env, '--jaas-config', path])
    expect([
      ...withFlag(jaasFile('app.conf', '${app.pw}')).security.listeners!.SASL_PLAINTEXT.plainUsers!
    ]).toEqual([['app', 'from-opts']])
    const home = jaasFile('home.conf', '${user.home}${/}pw')
    expect(refusal(() => withFlag(home))).toBe(
      `--jaas-config ${home} line 1: not a JAAS file: the value "\${user.home}\${/}pw" expands the Java system property \${user.home}: the JVM sets it itself (its installation, platform, user or folders), and Logdeck runs no JVM: write the value itself, or give it with -Duser.home=VALUE in KAFKA_OPTS`
    )
    const unknown = jaasFile('unknown.conf', 'pre-${app.secret}')
    expect(refusal(() => withFlag(unknown))).toBe(
      `--jaas-config ${unknown} line 1: not a JAAS file: the value "pre-\${app.secret}" expands the Java system property \${app.secret}: no -Dapp.secret=VALUE is given (Logdeck reads them from KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS of ${env}), and Java refuses to expand an undefined property ("unable to expand property app.secret"), so Kafka would not start`
    )
    // Without an environment form, no -D option at all.
    expect(
      refusal(() =>
        parseServeArgs(['--in-memory', '--security', 'sasl_plaintext', '--jaas-config', unknown])
      )
    ).toMatch(
      /expands the Java system property \$\{app\.secret\}: no -Dapp\.secret=VALUE is given \(Logdeck reads -D options from KAFKA_OPTS of a --server-properties environment file or a --compose service\)/
    )
  })

  it("reads the JAAS file it names, a relative path from the env file's folder; --jaas-config wins", () => {
    const sub = mkdtempSync(join(dir, 'env-'))
    writeFileSync(
      join(sub, 'kafka_server_jaas.conf'),
      `KafkaServer { ${PLAIN} required user_erin="e"; };\n`
    )
    const other = file('other.conf', `KafkaServer { ${PLAIN} required user_fay="f"; };\n`)
    const env = join(sub, 'kafka.env')
    writeFileSync(
      env,
      [
        'KAFKA_LISTENERS=SASL_PLAINTEXT://:9092',
        'KAFKA_SASL_ENABLED_MECHANISMS=PLAIN',
        'KAFKA_OPTS="-Xmx1G -Djava.security.auth.login.config=kafka_server_jaas.conf"'
      ].join('\n')
    )
    const o = parseServeArgs(['--in-memory', '--server-properties', env])
    expect([...o.security.listeners!.SASL_PLAINTEXT.plainUsers!.keys()]).toEqual(['erin'])
    expect(o.serverProperties!.summary).toContain(
      `JAAS file: ${join(sub, 'kafka_server_jaas.conf')} (KAFKA_OPTS -Djava.security.auth.login.config)`
    )
    const flagged = parseServeArgs([
      '--in-memory',
      '--server-properties',
      env,
      '--jaas-config',
      other
    ])
    expect([...flagged.security.listeners!.SASL_PLAINTEXT.plainUsers!.keys()]).toEqual(['fay'])
    writeFileSync(
      env,
      'KAFKA_LISTENERS=SASL_PLAINTEXT://:9092\nKAFKA_OPTS=-Djava.security.auth.login.config=/etc/kafka/secrets/jaas.conf\n'
    )
    expect(refusal(() => parseServeArgs(['--in-memory', '--server-properties', env]))).toBe(
      `the JAAS file /etc/kafka/secrets/jaas.conf does not exist (KAFKA_OPTS -Djava.security.auth.login.config of ${env} line 2); a path in a container? give the host's file with --jaas-config FILE`
    )
  })
})
