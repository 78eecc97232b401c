// External backend, broker configs area: a real cluster's broker configs through DescribeConfigs
// and IncrementalAlterConfigs on the BROKER resource, for every broker ('') or one.
import type { BrokerConfigInfo, brokerConfigsParams } from '../../../shared/api/broker-configs'
import { brokerConfigDefs } from '../../../shared/kafka/broker-configs'
import type { BrokerConfigSource } from '../../../shared/kafka/broker-config-def'
import type { Area } from '../backend'
import type { ExternalContext } from './context'

const BROKER_RESOURCE = 4
/** DescribeConfigs' ConfigSource values that broker configs have. */
const SOURCES: Partial<Record<number, BrokerConfigSource>> = {
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG'
}
/** ConfigType (KIP-569) as the contract names types. */
const TYPES: Partial<Record<number, BrokerConfigInfo['type']>> = {
  1: 'boolean',
  3: 'int',
  4: 'int',
  5: 'long',
  6: 'double',
  7: 'list'
}

interface DescribedConfig {
  name: string
  value?: string | null
  readOnly: boolean
  configSource: number
  isSensitive: boolean
  synonyms: { name: string; value?: string | null; source: number }[]
  configType: number
  documentation?: string | null
}

/**
 * One config as the contract shows it. For every broker (brokerId null), a value set for the
 * broker asked alone is left out: what is left is what every broker has unless set for it.
 */
function info(c: DescribedConfig, everyBroker: boolean): BrokerConfigInfo {
  const synonyms = c.synonyms.flatMap((s) => {
    const source = SOURCES[s.source]
    if (!source || s.value === null || s.value === undefined) return []
    if (everyBroker && source === 'DYNAMIC_BROKER_CONFIG') return []
    return [{ name: s.name, value: s.value, source }]
  })
  const own = everyBroker ? synonyms.find((s) => s.name === c.name) : undefined
  const def = brokerConfigDefs.get(c.name)
  const unit = c.name.endsWith('.ms') ? 'ms' : c.name.endsWith('.bytes') ? 'bytes' : undefined
  return {
    name: c.name,
    value: everyBroker ? (own?.value ?? null) : (c.value ?? null),
    source: everyBroker
      ? (own?.source ?? 'DEFAULT_CONFIG')
      : (SOURCES[c.configSource] ?? 'DEFAULT_CONFIG'),
    // The cluster's own default first: Logdeck's defaults differ from Kafka's for a few
    // (group.initial.rebalance.delay.ms ...).
    defaultValue:
      synonyms.find((s) => s.name === c.name && s.source === 'DEFAULT_CONFIG')?.value ??
      def?.defaultValue ??
      null,
    doc: c.documentation ?? def?.doc ?? '',
    // Kafka says only read-only or not; its catalogue tells a per-broker config from the rest.
    updateMode: c.readOnly
      ? 'read-only'
      : def?.updateMode === 'per-broker'
        ? 'per-broker'
        : 'cluster-wide',
    type: def?.kind.type ?? TYPES[c.configType] ?? 'text',
    ...(unit ? { unit } : {}),
    ...(def?.topicConfig ? { topicConfig: def.topicConfig } : {}),
    embedded: true,
    ...(c.isSensitive ? { sensitive: true } : {}),
    synonyms
  }
}

export function externalBrokerConfigs(ctx: ExternalContext): Area<typeof brokerConfigsParams> {
  const { clients } = ctx
  const describe = (brokerId: number | null) =>
    clients.run('brokers.describeConfigs', async () => {
      const admin = clients.admin()
      // Every broker's values are read from one of them, with their synonyms.
      const asked = brokerId ?? Math.min(...(await admin.metadata({ topics: [] })).brokers.keys())
      const [described] = await admin.describeConfigs({
        resources: [
          { resourceType: BROKER_RESOURCE, resourceName: String(asked), configurationKeys: null }
        ],
        includeSynonyms: true,
        includeDocumentation: true
      })
      const configs = (described?.configs ?? [])
        .filter((c) => !c.isSensitive)
        .map((c) => info(c, brokerId === null))
      return { brokerId, configs }
    })
  return {
    'brokers.describeConfigs': async ({ brokerId }) => describe(brokerId ?? null),
    'brokers.alterConfigs': async ({ brokerId, configs, validateOnly }) => {
      await clients.run('brokers.alterConfigs', () =>
        clients.admin().incrementalAlterConfigs({
          resources: [
            {
              resourceType: BROKER_RESOURCE,
              resourceName: brokerId === undefined || brokerId === null ? '' : String(brokerId),
              configs: Object.entries(configs).map(([name, value]) =>
                value === null
                  ? { name, configOperation: 1 as const }
                  : { name, configOperation: 0 as const, value }
              )
            }
          ],
          validateOnly: validateOnly ?? false
        })
      )
      return describe(brokerId ?? null)
    }
  }
}
