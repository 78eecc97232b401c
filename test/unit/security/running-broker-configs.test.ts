// The broker configs Logdeck sets through flags of its own, described from the running
// configuration as Kafka describes a broker started with the equivalent server.properties: the
// mapping itself, and an embedded cluster whose DescribeConfigs path (engine.describeBrokerConfigs)
// and console path (brokers.describeConfigs) give the same values and sources.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runningBrokerConfigs } from '../../../src/engine/kafka/security/running-broker-configs'
import type { SimulatedBroker } from '../../../src/engine/cluster/brokers'
import { startEmbeddedCluster } from '../../../src/engine/embedded-cluster'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import {
  addListenerConfigs,
  brokerConfigDefs,
  RUNNING_BROKER_CONFIGS
} from '../../../src/shared/kafka/broker-configs'

const broker = (id: number, ports: [string, string, number][]): SimulatedBroker => ({
  id,
  index: id,
  host: 'localhost',
  port: ports[0][2],
  status: 'online',
  endpoints: ports.map(([listener, securityProtocol, port]) => ({
    listener,
    securityProtocol,
    port
  }))
})

describe('runningBrokerConfigs', () => {
  const brokers = new Map([
    [
      0,
      broker(0, [
        ['PLAINTEXT', 'PLAINTEXT', 9092],
        ['CLIENTS', 'SASL_SSL', 9192]
      ])
    ],
    [
      1,
      broker(1, [
        ['PLAINTEXT', 'PLAINTEXT', 9093],
        ['CLIENTS', 'SASL_SSL', 9193]
      ])
    ]
  ])
  const listeners = [
    { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' as const },
    { name: 'CLIENTS', securityProtocol: 'SASL_SSL' as const }
  ]

  it('lists each broker its listeners where it binds, and its id as node.id and broker.id', () => {
    const running = runningBrokerConfigs(
      listeners,
      { tls: { cert: 'c', key: 'k' } },
      () => 'none',
      (id) => brokers.get(id),
      '127.0.0.1'
    )
    expect(running('listeners', 1)).toBe('PLAINTEXT://127.0.0.1:9093,CLIENTS://127.0.0.1:9193')
    expect(running('node.id', 1)).toBe('1')
    expect(running('broker.id', 0)).toBe('0')
    // Every broker (null) has no one value of them.
    expect(running('listeners', null)).toBeUndefined()
    expect(running('node.id', null)).toBeUndefined()
    expect(running('listener.security.protocol.map', 0)).toBe(
      'PLAINTEXT:PLAINTEXT,CLIENTS:SASL_SSL'
    )
    expect(running('sasl.enabled.mechanisms', null)).toBe('PLAIN,SCRAM-SHA-256,SCRAM-SHA-512')
    expect(running('ssl.keystore.type', 0)).toBe('PEM')
    expect(running('ssl.keystore.key', 0)).toBeDefined()
    // No CA: no truststore, no client certificates asked for (Kafka's defaults).
    expect(running('ssl.truststore.type', 0)).toBeUndefined()
    expect(running('ssl.client.auth', 0)).toBeUndefined()
    expect(running('ssl.enabled.protocols', 0)).toBeUndefined()
    expect(running('num.io.threads', 0)).toBeUndefined()
  })

  it('leaves Kafka defaults where the flags do: listeners named by protocol, no SASL, no TLS', () => {
    const running = runningBrokerConfigs(
      [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' }],
      { saslMechanisms: ['PLAIN'], tls: { cert: 'c', key: 'k', ca: 'a' } },
      () => 'required',
      () => undefined,
      '127.0.0.1'
    )
    for (const name of [
      'listener.security.protocol.map',
      'sasl.enabled.mechanisms',
      'ssl.keystore.type',
      'ssl.client.auth',
      'listeners'
    ])
      expect(running(name, 0), name).toBeUndefined()
  })

  it('takes the shared mechanisms, CA, client auth and TLS protocols', () => {
    const running = runningBrokerConfigs(
      [
        { name: 'SASL_SSL', securityProtocol: 'SASL_SSL' },
        { name: 'SSL', securityProtocol: 'SSL' }
      ],
      {
        saslMechanisms: ['SCRAM-SHA-512'],
        tls: { cert: 'c', key: 'k', ca: 'a' },
        tlsParameters: { enabledProtocols: ['TLSv1.3'] }
      },
      () => 'required',
      () => undefined,
      '127.0.0.1'
    )
    expect(running('sasl.enabled.mechanisms', 0)).toBe('SCRAM-SHA-512')
    expect(running('listener.security.protocol.map', 0)).toBeUndefined()
    expect(running('ssl.truststore.type', 0)).toBe('PEM')
    expect(running('ssl.client.auth', 0)).toBe('required')
    expect(running('ssl.enabled.protocols', 0)).toBe('TLSv1.3')
  })

  it('describes a key store given as Kafka configs as given, not as the PEM read from it', () => {
    const running = runningBrokerConfigs(
      [{ name: 'SSL', securityProtocol: 'SSL' }],
      {
        tls: { cert: 'c', key: 'k', ca: 'a' },
        sslConfigs: {
          'ssl.keystore.location': '/etc/kafka/broker.p12',
          'ssl.keystore.type': 'PKCS12',
          'ssl.keystore.password': 'secret'
        }
      },
      () => 'required',
      () => undefined,
      '127.0.0.1'
    )
    expect(running('ssl.keystore.location', 0)).toBe('/etc/kafka/broker.p12')
    expect(running('ssl.keystore.type', 0)).toBe('PKCS12')
    expect(running('ssl.keystore.password', 0)).toBe('secret')
    expect(running('ssl.keystore.key', 0)).toBeUndefined()
    // The CA came from --tls-ca: a PEM trust store.
    expect(running('ssl.truststore.type', 0)).toBe('PEM')
  })

  it("describes a listener's own settings as Kafka's listener.name.<name>.* forms", () => {
    const running = runningBrokerConfigs(
      [
        { name: 'CLIENTS', securityProtocol: 'SASL_SSL' },
        { name: 'INTERNAL', securityProtocol: 'SSL' }
      ],
      { tls: { cert: 'c', key: 'k' } },
      (l) => (l === 'INTERNAL' ? 'required' : 'none'),
      () => undefined,
      '127.0.0.1',
      {
        CLIENTS: {
          saslMechanisms: ['PLAIN'],
          jaasConfigs: ['plain'],
          tlsParameters: { enabledProtocols: ['TLSv1.3'] }
        },
        INTERNAL: {
          tls: { ca: 'a' },
          clientAuth: 'required',
          sslConfigs: { 'ssl.keystore.location': '/etc/kafka/internal.p12' }
        }
      }
    )
    expect(running('listener.name.clients.sasl.enabled.mechanisms', 0)).toBe('PLAIN')
    expect(running('listener.name.clients.plain.sasl.jaas.config', 0)).toBeDefined()
    expect(running('listener.name.clients.scram-sha-256.sasl.jaas.config', 0)).toBeUndefined()
    expect(running('listener.name.clients.ssl.enabled.protocols', 0)).toBe('TLSv1.3')
    // Only what the listener was given: its keystore is the shared one.
    expect(running('listener.name.clients.ssl.keystore.type', 0)).toBeUndefined()
    expect(running('listener.name.internal.ssl.client.auth', 0)).toBe('required')
    expect(running('listener.name.internal.ssl.truststore.type', 0)).toBe('PEM')
    expect(running('listener.name.internal.ssl.keystore.location', 0)).toBe(
      '/etc/kafka/internal.p12'
    )
    expect(running('listener.name.internal.ssl.keystore.key', 0)).toBeUndefined()
    // The shared ones as before: every listener's mechanisms, no shared client auth.
    expect(running('sasl.enabled.mechanisms', 0)).toBe('PLAIN,SCRAM-SHA-256,SCRAM-SHA-512')
    expect(running('ssl.client.auth', 0)).toBeUndefined()
  })

  it("leaves the shared ssl.client.auth at none where the listeners' own differ", () => {
    const running = runningBrokerConfigs(
      [
        { name: 'INTERNAL', securityProtocol: 'SSL' },
        { name: 'EXTERNAL', securityProtocol: 'SSL' }
      ],
      { tls: { cert: 'c', key: 'k' } },
      (l) => (l === 'INTERNAL' ? 'required' : 'none'),
      () => undefined,
      '127.0.0.1'
    )
    expect(running('ssl.client.auth', 0)).toBeUndefined()
  })
})

describe("the catalogue's running configs", () => {
  it('are every config the running configuration gives a value, and no other', () => {
    const listeners = [
      { name: 'INTERNAL', securityProtocol: 'SASL_SSL' as const },
      { name: 'EXTERNAL', securityProtocol: 'SSL' as const }
    ]
    const b = broker(0, [
      ['INTERNAL', 'SASL_SSL', 9092],
      ['EXTERNAL', 'SSL', 9093]
    ])
    // Every setting the flags give: a Kafka key store, a PEM trust store, TLS parameters.
    const gives = [
      runningBrokerConfigs(
        listeners,
        {
          tls: { cert: 'c', key: 'k', ca: 'a' },
          saslMechanisms: ['PLAIN'],
          tlsParameters: {
            enabledProtocols: ['TLSv1.3'],
            cipherSuites: [
              { name: 'TLS_AES_128_GCM_SHA256', openssl: 'TLS_AES_128_GCM_SHA256', tls13: true }
            ]
          },
          sslConfigs: Object.fromEntries(
            RUNNING_BROKER_CONFIGS.filter((n) => /^ssl\.(keystore|key\.)/.test(n)).map((n) => [
              n,
              'x'
            ])
          )
        },
        () => 'required',
        () => b,
        '127.0.0.1'
      ),
      runningBrokerConfigs(
        listeners,
        {
          tls: { cert: 'c', key: 'k', ca: 'a' },
          sslConfigs: { 'ssl.truststore.location': 'x', 'ssl.truststore.password': 'x' }
        },
        () => 'requested',
        () => b,
        '127.0.0.1'
      )
    ]
    const valued = new Set(
      [...brokerConfigDefs.keys()].filter((name) =>
        gives.some((running) => running(name, 0) !== undefined || running(name, null) !== undefined)
      )
    )
    expect([...valued].sort()).toEqual([...RUNNING_BROKER_CONFIGS].sort())
    for (const name of RUNNING_BROKER_CONFIGS) {
      expect(brokerConfigDefs.get(name)?.runningConfig, name).toBe(true)
      // Still refused by --broker-config, which names the flag instead.
      expect(brokerConfigDefs.get(name)?.embedded, name).toBe(false)
    }
    expect(brokerConfigDefs.get('num.io.threads')?.runningConfig).toBeUndefined()
  })

  it('have listener forms typed as the config each stands in for, read-only, listed when given', () => {
    addListenerConfigs('INTERNAL')
    const own = brokerConfigDefs.get('listener.name.internal.ssl.keystore.password')!
    expect(own).toMatchObject({
      updateMode: 'read-only',
      runningConfig: true,
      embedded: false,
      sensitive: true,
      configType: 'password',
      listenerFormOf: 'ssl.keystore.password',
      listedWhenSet: true
    })
    expect(brokerConfigDefs.get('listener.name.internal.plain.sasl.jaas.config')).toMatchObject({
      sensitive: true,
      listenerFormOf: 'sasl.jaas.config'
    })
    expect(brokerConfigDefs.get('listener.name.internal.ssl.client.auth')?.kind).toEqual(
      brokerConfigDefs.get('ssl.client.auth')?.kind
    )
  })
})

describe('an embedded cluster describes the configs its flags set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-running-configs-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('over DescribeConfigs and the console alike, with sources and secrets as Kafka has them', async () => {
    const certs = writeDevCertificates(join(dir, 'certs'))
    const pem = (f: string) => readFileSync(f, 'utf8')
    const cluster = await startEmbeddedCluster({
      dataDir: ':memory:',
      brokers: 2,
      port: 0,
      security: {
        protocol: 'SASL_PLAINTEXT',
        tls: { cert: pem(certs.cert), key: pem(certs.key), ca: pem(certs.ca) }
      },
      listeners: [{ name: 'EXTERNAL', securityProtocol: 'SSL', port: 0 }],
      listenerSecurity: {
        EXTERNAL: { clientAuth: 'required', tlsParameters: { enabledProtocols: ['TLSv1.3'] } }
      }
    })
    try {
      const [b0, b1] = cluster.engine.brokerIds()
      const ports = (id: number) => cluster.engine.broker(id)!.endpoints.map((e) => e.port)
      const [sasl1, ext1] = ports(b1)
      const described = new Map(cluster.engine.describeBrokerConfigs(b1).map((c) => [c.name, c]))
      const at = (name: string) => {
        const c = described.get(name)!
        return { value: c.value, source: c.source, readOnly: c.readOnly }
      }
      expect(at('listeners')).toEqual({
        value: `SASL_PLAINTEXT://127.0.0.1:${sasl1},EXTERNAL://127.0.0.1:${ext1}`,
        source: 'STATIC_BROKER_CONFIG',
        readOnly: false
      })
      expect(at('listener.security.protocol.map')).toEqual({
        value: 'SASL_PLAINTEXT:SASL_PLAINTEXT,EXTERNAL:SSL',
        source: 'STATIC_BROKER_CONFIG',
        readOnly: false
      })
      expect(at('node.id')).toEqual({
        value: String(b1),
        source: 'STATIC_BROKER_CONFIG',
        readOnly: true
      })
      expect(at('broker.id').value).toBe(String(b1))
      expect(at('sasl.enabled.mechanisms')).toEqual({
        value: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
        source: 'STATIC_BROKER_CONFIG',
        readOnly: false
      })
      expect(at('ssl.keystore.type').value).toBe('PEM')
      expect(at('ssl.client.auth').value).toBe('required')
      // Secrets: set at start, described without their value.
      expect(at('ssl.keystore.key')).toEqual({
        value: null,
        source: 'STATIC_BROKER_CONFIG',
        readOnly: false
      })
      expect(at('ssl.keystore.location')).toEqual({
        value: null,
        source: 'DEFAULT_CONFIG',
        readOnly: false
      })
      expect(at('ssl.enabled.protocols')).toEqual({
        value: 'TLSv1.2,TLSv1.3',
        source: 'DEFAULT_CONFIG',
        readOnly: false
      })
      // The listener's own, read-only as Kafka describes them, the config each stands in for
      // as its synonym; those it was not given are not listed.
      expect(described.get('listener.name.external.ssl.enabled.protocols')).toEqual({
        name: 'listener.name.external.ssl.enabled.protocols',
        value: 'TLSv1.3',
        source: 'STATIC_BROKER_CONFIG',
        readOnly: true,
        synonyms: [
          {
            name: 'listener.name.external.ssl.enabled.protocols',
            value: 'TLSv1.3',
            source: 'STATIC_BROKER_CONFIG'
          },
          { name: 'ssl.enabled.protocols', value: 'TLSv1.2,TLSv1.3', source: 'DEFAULT_CONFIG' }
        ]
      })
      expect(at('listener.name.external.ssl.client.auth').value).toBe('required')
      expect(described.has('listener.name.external.ssl.keystore.location')).toBe(false)
      expect(described.has('listener.name.ssl.ssl.client.auth')).toBe(false)
      // Broker 0 has its own.
      const b0listeners = cluster.engine
        .describeBrokerConfigs(b0)
        .find((c) => c.name === 'listeners')
      expect(b0listeners?.value).toBe(
        `SASL_PLAINTEXT://127.0.0.1:${ports(b0)[0]},EXTERNAL://127.0.0.1:${ports(b0)[1]}`
      )
      // The console's panel reads the same.
      const panel = await cluster.service.call('brokers.describeConfigs', { brokerId: b1 })
      const shown = new Map(panel.configs.map((c) => [c.name, c]))
      for (const name of [
        'listeners',
        'listener.security.protocol.map',
        'node.id',
        'sasl.enabled.mechanisms',
        'ssl.client.auth',
        'ssl.keystore.key',
        'listener.name.external.ssl.enabled.protocols'
      ]) {
        expect(shown.get(name)?.value, name).toBe(described.get(name)!.value)
        expect(shown.get(name)?.source, name).toBe(described.get(name)!.source)
      }
      expect(shown.get('node.id')?.updateMode).toBe('read-only')
      // In effect as started, unlike Kafka's configs the embedded cluster does not act on.
      expect(shown.get('listeners')).toMatchObject({ embedded: false, runningConfig: true })
      expect(shown.get('num.io.threads')?.runningConfig).toBeUndefined()
      expect(shown.get('listeners')?.updateMode).toBe('per-broker')
      // Nor does the console change them: the listeners are given at start.
      await expect(
        cluster.service.call('brokers.alterConfigs', {
          brokerId: b1,
          configs: { listeners: 'PLAINTEXT://127.0.0.1:1' }
        })
      ).rejects.toThrow(/Cannot update these configs dynamically: Set\(listeners\)/)
      await expect(
        cluster.service.call('brokers.alterConfigs', {
          brokerId: b1,
          configs: { 'listener.name.external.ssl.client.auth': 'none' }
        })
      ).rejects.toThrow(/a listener's own TLS and SASL settings are given at start/)
      expect(shown.get('listener.name.external.ssl.enabled.protocols')).toMatchObject({
        runningConfig: true,
        updateMode: 'read-only'
      })
    } finally {
      await cluster.close()
    }
  })
})
