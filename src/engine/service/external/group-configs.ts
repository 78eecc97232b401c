// External backend, a group's configs: DescribeConfigs and IncrementalAlterConfigs on the GROUP
// resource (KIP-848, Kafka 4.0 on), with the broker config each defaults to as its synonym.
import type { GroupConfigInfo, GroupConfigsResult } from '../../../shared/api/groups'
import { groupConfigDefs } from '../../../shared/kafka/group-configs'
import type { ExternalContext } from './context'

const GROUP_RESOURCE = 32
const SOURCES: Partial<Record<number, GroupConfigInfo['source']>> = {
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  8: 'GROUP_CONFIG'
}

async function describe(ctx: ExternalContext, groupId: string): Promise<GroupConfigsResult> {
  const [described] = await ctx.clients.admin().describeConfigs({
    resources: [{ resourceType: GROUP_RESOURCE, resourceName: groupId, configurationKeys: null }],
    includeSynonyms: true,
    includeDocumentation: true
  })
  const configs = (described?.configs ?? []).map((c): GroupConfigInfo => {
    const broker = c.synonyms.find((s) => s.name !== c.name)
    return {
      name: c.name,
      value: c.value ?? '',
      source: SOURCES[c.configSource] ?? 'DEFAULT_CONFIG',
      brokerConfig: broker?.name ?? groupConfigDefs.get(c.name)?.brokerConfig ?? null,
      brokerValue: broker?.value ?? null,
      doc: c.documentation ?? groupConfigDefs.get(c.name)?.doc ?? ''
    }
  })
  return { groupId, configs }
}

export function externalGroupConfigs(ctx: ExternalContext) {
  return {
    'groups.describeConfigs': ({ groupId }: { groupId: string }) =>
      ctx.clients.run(`groups.describeConfigs ${groupId}`, () => describe(ctx, groupId)),
    'groups.alterConfigs': ({
      groupId,
      configs
    }: {
      groupId: string
      configs: Record<string, string | null>
    }) =>
      ctx.clients.run(`groups.alterConfigs ${groupId}`, async () => {
        await ctx.clients.admin().incrementalAlterConfigs({
          resources: [
            {
              resourceType: GROUP_RESOURCE,
              resourceName: groupId,
              configs: Object.entries(configs).map(([name, value]) =>
                value === null
                  ? { name, configOperation: 1 as const }
                  : { name, configOperation: 0 as const, value }
              )
            }
          ],
          validateOnly: false
        })
        return describe(ctx, groupId)
      })
  }
}
