// The broker configs of fetching from followers (KIP-392): each broker's rack and the replica
// selector that sends a consumer with a client.rack to an in-sync replica in its rack. Both are
// read only in Kafka (server.properties of each broker), so given at start only.
import type { BrokerConfigDef } from './broker-config-def'

/** The one replica selector Kafka ships, and the only one served. */
export const RACK_AWARE_REPLICA_SELECTOR =
  'org.apache.kafka.common.replica.RackAwareReplicaSelector'

export const rackBrokerConfigDefs: BrokerConfigDef[] = [
  {
    name: 'broker.rack',
    defaultValue: null,
    doc: "The broker's rack (or availability zone). Metadata and DescribeCluster name it; the rack-aware replica selector matches it against a consumer's client.rack",
    kind: { type: 'text', pattern: /^\S(.*\S)?$/, hint: 'a rack name' },
    updateMode: 'read-only',
    embedded: true
  },
  {
    name: 'replica.selector.class',
    defaultValue: null,
    doc: `How a partition's leader picks the replica a consumer fetches from (KIP-392). Unset, consumers fetch from leaders; ${RACK_AWARE_REPLICA_SELECTOR} sends a consumer whose client.rack is not the leader's to an in-sync replica in its rack`,
    kind: { type: 'enum', values: [RACK_AWARE_REPLICA_SELECTOR] },
    updateMode: 'read-only',
    embedded: true
  }
]
