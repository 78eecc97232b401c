// What the request handlers of the coordinator share: settings, groups and the rebalancer.
import type { ClassicGroup } from './classic-group'
import type { ConsumerGroup } from './consumer-group'
import type { Rebalancer } from './rebalance'
import type { GroupSettings } from './settings'

export interface CoordinatorContext {
  readonly settings: GroupSettings
  readonly rebalancer: Rebalancer
  /** False once the coordinator is closed: requests get COORDINATOR_NOT_AVAILABLE. */
  readonly active: boolean
  now(): number
  group(groupId: string): ClassicGroup | undefined
  /** A group of the consumer protocol (KIP-848) with that id. */
  consumerGroup(groupId: string): ConsumerGroup | undefined
  createGroup(groupId: string): ClassicGroup
  /** Kafka's member ids: `<client id or group instance id>-<uuid>`. */
  newMemberId(prefix: string): string
  /** Coalesced 'groups.changed' notification. */
  changed(groupId: string): void
  /**
   * Writes the group's GroupMetadata record (generation, members, assignments) to
   * __consumer_offsets, as Kafka's coordinator does once a generation's assignment is set.
   */
  storeGroup(group: ClassicGroup): void
}
