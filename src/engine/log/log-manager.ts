// Every partition log of the database, loaded with two queries at open and handed out by
// (topic id, partition), with each topic's configs.
import type { Db } from '../storage/database'
import { type LogQueries, type PartitionLogRow, logQueries } from '../storage/log-queries'
import {
  DEFAULT_LOG_CONFIG,
  DEFAULT_MESSAGE_MAX_BYTES,
  type LogConfig,
  logConfigFrom
} from './log-config'
import { PartitionLog } from './partition-log'
import { type Segment, segmentFromRow } from './segments'

export class LogManager {
  readonly q: LogQueries
  private readonly byTopic = new Map<number, PartitionLog[]>()
  private readonly configs = new Map<number, LogConfig>()
  private defaultConfig: LogConfig

  /** Loads the state of every partition: one query for the partitions, one for the segments. */
  /** `messageMaxBytes`: the broker's message.max.bytes, the most a batch may inflate to. */
  constructor(
    readonly db: Db,
    private messageMaxBytes = DEFAULT_MESSAGE_MAX_BYTES
  ) {
    this.q = logQueries(db)
    this.defaultConfig = this.defaultConfigFor(messageMaxBytes)
    const segments = new Map<string, Segment[]>()
    for (const row of this.q.segmentsSelectAll.iterate()) {
      const key = `${row.topic_id}:${row.partition}`
      let list = segments.get(key)
      if (!list) segments.set(key, (list = []))
      list.push(segmentFromRow(row))
    }
    for (const row of this.q.partitionLogsSelectAll.iterate()) {
      this.add(row, segments.get(`${row.topic_id}:${row.partition}`) ?? [])
    }
  }

  private add(row: PartitionLogRow, segments: Segment[]): PartitionLog {
    const log = new PartitionLog(this.db, this.q, row.topic_id, row.partition, row, segments)
    log.config = this.configOf(row.topic_id)
    let list = this.byTopic.get(row.topic_id)
    if (!list) this.byTopic.set(row.topic_id, (list = []))
    list[row.partition] = log
    return log
  }

  private defaultConfigFor(messageMaxBytes: number): LogConfig {
    return messageMaxBytes === DEFAULT_MESSAGE_MAX_BYTES
      ? DEFAULT_LOG_CONFIG
      : Object.freeze(logConfigFrom({}, messageMaxBytes))
  }

  /** A new message.max.bytes: takes effect as each topic is configured again. */
  setMessageMaxBytes(messageMaxBytes: number): void {
    this.messageMaxBytes = messageMaxBytes
    this.defaultConfig = this.defaultConfigFor(messageMaxBytes)
  }

  /**
   * Sets a topic's effective configs (TopicRegistry.effectiveConfigs) on all its logs, now and
   * for partitions added later; call it at startup for every topic and after each change.
   */
  configureTopic(topicId: number, effectiveConfigs: Record<string, string>): LogConfig {
    const config = logConfigFrom(effectiveConfigs, this.messageMaxBytes)
    this.useConfig(topicId, config)
    return config
  }

  /** Sets a config configureTopic built for a topic with the same effective configs. */
  useConfig(topicId: number, config: LogConfig): void {
    this.configs.set(topicId, config)
    for (const log of this.byTopic.get(topicId) ?? []) if (log) log.config = config
  }

  configOf(topicId: number): LogConfig {
    return this.configs.get(topicId) ?? this.defaultConfig
  }

  /**
   * The log of a partition. A partition created after the manager opened is read from its
   * partitions row on first use; throws when the row does not exist.
   */
  log(topicId: number, partition: number): PartitionLog {
    const found = this.byTopic.get(topicId)?.[partition]
    if (found) return found
    const row = this.q.partitionLogsSelect.get(topicId, partition)
    if (!row) throw new Error(`partition ${partition} of topic ${topicId} does not exist`)
    const segments = this.q.segmentsSelectPartition.all(topicId, partition).map(segmentFromRow)
    return this.add(row, segments)
  }

  /** The logs loaded so far (every partition that existed at open, plus those used since). */
  *logs(): IterableIterator<PartitionLog> {
    for (const list of this.byTopic.values()) for (const log of list) if (log) yield log
  }

  /** Forgets a deleted topic's logs (its rows went with the topic, by cascade). */
  forgetTopic(topicId: number): void {
    this.byTopic.delete(topicId)
    this.configs.delete(topicId)
  }
}
