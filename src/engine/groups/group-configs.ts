// The configs of GROUP resources (KIP-848): a consumer-protocol group's own session timeout and
// heartbeat interval, set with IncrementalAlterConfigs / AlterConfigs (or the console), checked
// as Kafka's GroupConfig checks them, and kept in SQLite across restarts. As in Kafka, they live
// apart from the group: they may be set before it exists and stay when it is deleted.
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { groupConfigQueries } from '../storage/group-config-queries'
import {
  checkGroupConfigs,
  groupConfigDefault,
  groupConfigDefs
} from '../../shared/kafka/group-configs'
import { brokerConfigValue, type GroupSettings } from './settings'

/** A change to one group's configs: values set, configs removed. */
export interface GroupConfigChange {
  groupId: string
  set: Record<string, string>
  remove: string[]
}

export class GroupConfigs {
  private readonly q
  private readonly configs = new Map<string, Record<string, string>>()

  constructor(
    private readonly db: Db,
    private readonly settings: GroupSettings
  ) {
    this.q = groupConfigQueries(db)
    for (const r of this.q.groupConfigsSelectAll.all())
      this.configs.set(r.group_id, { ...this.configs.get(r.group_id), [r.name]: r.value })
  }

  /** The groups with configs of their own, whether or not they exist as groups. */
  configuredGroupIds(): string[] {
    return [...this.configs.keys()]
  }

  /** The configs set on a group (none for a group without any). */
  configsOf(groupId: string): Record<string, string> {
    return { ...this.configs.get(groupId) }
  }

  /** The value a group config has without the group's own: the broker config it defaults to. */
  brokerValue(name: string): number {
    return brokerConfigValue(this.settings, name)
  }

  /** consumer.session.timeout.ms of a group: its own, else group.consumer.session.timeout.ms. */
  sessionTimeoutMs(groupId: string): number {
    const own = this.configs.get(groupId)?.['consumer.session.timeout.ms']
    return own !== undefined ? Number(own) : this.settings.consumerSessionTimeoutMs
  }

  /** consumer.heartbeat.interval.ms of a group: its own, else the broker's. */
  heartbeatIntervalMs(groupId: string): number {
    const own = this.configs.get(groupId)?.['consumer.heartbeat.interval.ms']
    return own !== undefined ? Number(own) : this.settings.consumerHeartbeatIntervalMs
  }

  /**
   * A group config's value for the group: its own, else its default (the broker config it is
   * named after, or Kafka's fixed default). share.* configs are read by the share partitions
   * (share.record.lock.duration.ms, share.delivery.count.limit, share.auto.offset.reset ...).
   */
  value(groupId: string, name: string): string {
    const def = groupConfigDefs.get(name)
    if (!def) throw new Error(`no group config ${name}`)
    return this.configs.get(groupId)?.[name] ?? groupConfigDefault(def, (n) => this.brokerValue(n))
  }

  /** share.session.timeout.ms of a share group: its own, else group.share.session.timeout.ms. */
  shareSessionTimeoutMs(groupId: string): number {
    return Number(this.value(groupId, 'share.session.timeout.ms'))
  }

  /** share.heartbeat.interval.ms of a share group: its own, else the broker's. */
  shareHeartbeatIntervalMs(groupId: string): number {
    return Number(this.value(groupId, 'share.heartbeat.interval.ms'))
  }

  /**
   * Applies a change checked as a whole, as Kafka checks the group's resulting configs: an
   * unknown name or a bad value is refused naming the config (invalid-config), and nothing changes.
   */
  alter(change: GroupConfigChange, validateOnly = false): void {
    if (change.groupId === '')
      throw new EngineError('invalid-argument', 'Group name must not be empty', 'groupId')
    const next = this.configsOf(change.groupId)
    for (const name of change.remove) delete next[name]
    const set: Record<string, string> = {}
    for (const [name, value] of Object.entries(change.set)) set[name] = value.trim()
    Object.assign(next, set)
    const problem = checkGroupConfigs(next, (name) => this.brokerValue(name))
    if (problem) throw new EngineError('invalid-config', problem.problem, problem.name)
    if (validateOnly) return
    this.db.transaction(() => {
      for (const name of change.remove)
        if (!(name in set)) this.q.groupConfigsDelete.run(change.groupId, name)
      for (const [name, value] of Object.entries(set))
        this.q.groupConfigsUpsert.run(change.groupId, name, value)
    })()
    if (Object.keys(next).length === 0) this.configs.delete(change.groupId)
    else this.configs.set(change.groupId, next)
  }
}
