// Embedded backend, broker configs area: describe and alter them as AlterConfigs does.
import type { BrokerConfigInfo, brokerConfigsParams } from '../../../shared/api/broker-configs'
import { brokerConfigDefs } from '../../../shared/kafka/broker-configs'
import type { Engine } from '../../engine'
import type { Area } from '../backend'

function describe(engine: Engine, brokerId: number | null) {
  const configs = engine.describeBrokerConfigs(brokerId, true).flatMap((c): BrokerConfigInfo[] => {
    const def = brokerConfigDefs.get(c.name)
    if (!def) return []
    const k = def.kind
    return [
      {
        name: c.name,
        value: c.value,
        source: c.source,
        defaultValue: def.defaultValue,
        doc: def.doc,
        updateMode: def.updateMode,
        type: k.type,
        ...((k.type === 'long' || k.type === 'int') && k.unit ? { unit: k.unit } : {}),
        ...(k.type === 'enum' || k.type === 'list' ? { values: k.values } : {}),
        ...(def.topicConfig ? { topicConfig: def.topicConfig } : {}),
        embedded: def.embedded,
        ...(def.runningConfig ? { runningConfig: true } : {}),
        ...(def.sensitive ? { sensitive: true } : {}),
        ...(def.startOnly ? { startOnly: true } : {}),
        synonyms: c.synonyms
      }
    ]
  })
  return { brokerId, configs }
}

export function embeddedBrokerConfigs(engine: Engine): Area<typeof brokerConfigsParams> {
  return {
    'brokers.describeConfigs': async ({ brokerId }) => describe(engine, brokerId ?? null),
    'brokers.alterConfigs': async ({ brokerId, configs, validateOnly }) => {
      const set: Record<string, string> = {}
      const remove: string[] = []
      for (const [name, value] of Object.entries(configs))
        if (value === null) remove.push(name)
        else set[name] = value
      engine.alterBrokerConfigs({ brokerId: brokerId ?? null, set, remove }, validateOnly)
      return describe(engine, brokerId ?? null)
    }
  }
}
