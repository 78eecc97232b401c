// connections.test: reaches a cluster with a fresh admin client and reports its brokers,
// controller and ApiVersions, or an error naming the address that failed.
import { Admin } from '@platformatic/kafka'
import type { ConnectionTestResult } from '../../../shared/api/connections'
import { CALL_TIMEOUT_MS, bounded, clientOptions, type KafkaTarget } from './clients'

const MIN_ANSWER_MS = 3000

const SUMMARY_APIS = [
  'Produce',
  'Fetch',
  'ListOffsets',
  'Metadata',
  'OffsetCommit',
  'OffsetFetch',
  'FindCoordinator',
  'CreateTopics',
  'DescribeConfigs'
]

/**
 * Tests the connection within CALL_TIMEOUT_MS of `asked` (when the test was asked for), so the
 * time it took to load this module (about a second) counts too and the answer comes in under
 * 10 s. A reachable cluster still gets MIN_ANSWER_MS to answer when loading took longer, as it
 * can on a busy machine.
 */
export async function testConnection(
  target: KafkaTarget,
  asked = Date.now()
): Promise<ConnectionTestResult> {
  const admin = new Admin({ ...clientOptions(target, 'logdeck-test'), retries: 0 })
  const started = Date.now()
  const left = Math.max(MIN_ANSWER_MS, CALL_TIMEOUT_MS - (started - asked))
  try {
    return await bounded(
      'connection test',
      target.bootstrapServers,
      async () => {
        const md = await admin.metadata({ topics: [] })
        const apis = await admin.listApis()
        const maxVersions: Record<string, number> = {}
        for (const a of apis)
          if (a.name && SUMMARY_APIS.includes(a.name)) maxVersions[a.name] = a.maxVersion
        return {
          reachable: true as const,
          clusterId: md.id,
          controllerId: md.controllerId,
          brokers: [...md.brokers].map(([id, b]) => ({
            id,
            host: b.host,
            port: b.port,
            rack: b.rack ?? null
          })),
          apiVersions: { apis: apis.length, maxVersions },
          latencyMs: Date.now() - started
        }
      },
      left
    )
  } finally {
    void admin.close().catch(() => {})
  }
}
