// Embedded backend, a group's configs (KIP-848's GROUP resource) as DescribeConfigs and
// IncrementalAlterConfigs show and change them.
import type { GroupConfigInfo, GroupConfigsResult } from '../../../shared/api/groups'
import { groupConfigDefault, groupConfigDefs } from '../../../shared/kafka/group-configs'
import type { Engine } from '../../engine'

export function describeGroupConfigs(engine: Engine, groupId: string): GroupConfigsResult {
  const own = engine.groupConfigs.configsOf(groupId)
  const broker = new Map(engine.describeBrokerConfigs(null, true).map((c) => [c.name, c]))
  const configs = [...groupConfigDefs.values()].map((def): GroupConfigInfo => {
    const value = groupConfigDefault(def, (name) => engine.groupConfigs.brokerValue(name))
    return {
      name: def.name,
      value: own[def.name] ?? value,
      source:
        def.name in own
          ? 'GROUP_CONFIG'
          : (def.brokerConfig !== null && broker.get(def.brokerConfig)?.source) || 'DEFAULT_CONFIG',
      brokerConfig: def.brokerConfig,
      brokerValue: def.brokerConfig !== null ? value : null,
      doc: def.doc
    }
  })
  return { groupId, configs }
}

/** Sets and removes (null) a group's configs, all or nothing; the group's configs after. */
export function alterGroupConfigs(
  engine: Engine,
  groupId: string,
  configs: Record<string, string | null>
): GroupConfigsResult {
  const set: Record<string, string> = {}
  const remove: string[] = []
  for (const [name, value] of Object.entries(configs))
    if (value === null) remove.push(name)
    else set[name] = value
  engine.alterGroupConfigs({ groupId, set, remove })
  return describeGroupConfigs(engine, groupId)
}
