// connections.test: reaches a cluster with a fresh admin client and reports its brokers,
// controller and ApiVersions, or an error naming the address that failed; and the connection's
// schema registry, when it names one, as the console will use it.
import { Admin } from '@platformatic/kafka'
import type {
  ConnectionTestResult,
  SchemaRegistryTestResult
} from '../../../shared/api/connections'
import { ApiError } from '../../../shared/errors'
import { RemoteRegistry, type RemoteRegistryTarget } from '../../registry/remote/remote-registry'
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
  asked = Date.now(),
  registry?: RemoteRegistryTarget
): Promise<ConnectionTestResult> {
  const started = Date.now()
  const left = Math.max(MIN_ANSWER_MS, CALL_TIMEOUT_MS - (started - asked))
  // Both at once: the registry's answer does not wait for the cluster's.
  const registryTest = registry ? testRegistry(registry, left) : undefined
  let cluster: ConnectionTestResult
  try {
    cluster = await testCluster(target, started, left)
  } catch (err) {
    // The cluster's error, and what became of the registry in the same words as in a result.
    if (!registryTest || !(err instanceof ApiError)) throw err
    const r = await registryTest
    const also = r.reachable
      ? `The schema registry at ${r.url} answers (${r.subjects} subjects).`
      : r.error
    throw new ApiError(err.code, `${err.message}. ${also}`, err.field)
  }
  return registryTest ? { ...cluster, schemaRegistry: await registryTest } : cluster
}

/** Tries the registry as the console uses it: GET /subjects with the credentials, its types. */
async function testRegistry(
  target: RemoteRegistryTarget,
  timeoutMs: number
): Promise<SchemaRegistryTestResult> {
  const started = Date.now()
  const probe = await new RemoteRegistry(target, timeoutMs).probe()
  return { url: target.url, latencyMs: Date.now() - started, ...probe }
}

async function testCluster(
  target: KafkaTarget,
  started: number,
  left: number
): Promise<ConnectionTestResult> {
  const admin = new Admin({ ...clientOptions(target, 'logdeck-test'), retries: 0 })
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
