// Consumer groups: the classic group coordinator, committed offsets, offset resets and lag
// history, wired together for the engine.
import type { Db } from '../storage/database'
import { GroupCoordinator, type GroupCoordinatorOptions } from './coordinator'
import { ConsumerIsolation } from './consumer-isolation'
import { GroupsApi } from './groups-api'
import { LagSampler } from './lag-sampler'
import type { Scheduler } from './scheduler'
import type { GroupSettings, LagSettings } from './settings'
import type { PartitionSource } from './types'
import type { ShareStartOffsets } from '../share-groups/share-offset-reset'

export { GroupCoordinator, type GroupCoordinatorOptions } from './coordinator'
export { GroupsApi } from './groups-api'
export { LagSampler, type LagHistory } from './lag-sampler'
export type { GroupSettings, LagSettings } from './settings'
export type { Scheduler, Timer } from './scheduler'
export type { ResetOffsetsParams } from './offset-reset'
export type { CommittedOffset } from './offset-store'
export type * from './types'
export type { ConsumerHeartbeatParams, ConsumerHeartbeatResult } from './consumer-heartbeat'
export type { ConsumerGroupDescription } from './consumer-describe'

export interface GroupServices {
  coordinator: GroupCoordinator
  sampler: LagSampler
  api: GroupsApi
  /** The isolation level each group's consumers fetch with (lag of read_committed ones). */
  isolation: ConsumerIsolation
  /** Stops the sampler and the coordinator's timers. */
  close(): void
}

export interface GroupServicesOptions {
  db: Db
  partitions: PartitionSource
  groupSettings?: Partial<GroupSettings>
  lagSettings?: Partial<LagSettings>
  scheduler?: Scheduler
  onChange?: (groupId: string) => void
  onError?: (err: unknown) => void
  pendingTransactionalOffsets?: GroupCoordinatorOptions['pendingTransactionalOffsets']
  shareMemberLeft?: GroupCoordinatorOptions['shareMemberLeft']
  shareGroupDeleted?: GroupCoordinatorOptions['shareGroupDeleted']
  records?: GroupCoordinatorOptions['records']
  /** Share groups' share partitions and their start offsets, for the console. */
  shareStartOffsets?: ShareStartOffsets
}

/** The coordinator, a started lag sampler and the contract-facing API over one database. */
export function createGroupServices(options: GroupServicesOptions): GroupServices {
  const coordinator = new GroupCoordinator({
    db: options.db,
    partitions: options.partitions,
    settings: options.groupSettings,
    scheduler: options.scheduler,
    onChange: options.onChange,
    onError: options.onError,
    pendingTransactionalOffsets: options.pendingTransactionalOffsets,
    shareMemberLeft: options.shareMemberLeft,
    shareGroupDeleted: options.shareGroupDeleted,
    records: options.records
  })
  const isolation = new ConsumerIsolation()
  const isolationOf = (groupId: string) => isolation.ofGroup(groupId, coordinator.group(groupId))
  const sampler = new LagSampler({
    store: coordinator.store,
    partitions: options.partitions,
    isolationOf,
    settings: options.lagSettings,
    scheduler: options.scheduler,
    onError: options.onError
  })
  sampler.start()
  return {
    coordinator,
    sampler,
    api: new GroupsApi(
      coordinator,
      sampler,
      options.partitions,
      isolationOf,
      options.shareStartOffsets
    ),
    isolation,
    close() {
      sampler.stop()
      coordinator.close()
    }
  }
}
