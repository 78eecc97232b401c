// A console's connection to another cluster, reached only as a Kafka cluster (connections.add),
// optionally logging in with SCRAM-SHA-512 over SASL_PLAINTEXT.
import type { TestCluster } from './cluster'

export interface ScramLogin {
  username: string
  password: string
}

/** Adds the connection on `console_` and returns its id. */
export async function addKafkaConnection(
  console_: TestCluster,
  name: string,
  target: TestCluster,
  options: { login?: ScramLogin; historyIntervalMs?: number } = {}
): Promise<string> {
  const { login, historyIntervalMs } = options
  const added = (await console_.service.callByName('connections.add', {
    name,
    bootstrapServers: target.bootstrap.split(','),
    ...(historyIntervalMs !== undefined ? { historyIntervalMs } : {}),
    ...(login
      ? {
          security: {
            protocol: 'SASL_PLAINTEXT',
            sasl: { mechanism: 'SCRAM-SHA-512', ...login }
          }
        }
      : {})
  })) as { id: string }
  return added.id
}
