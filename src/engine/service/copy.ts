// messages.copy in two halves: a cluster reads the records a copy asks for, and a sink writes
// them into a topic, of the same cluster or of another connection's (a copy from one cluster
// into another reads with the source's backend and writes through the target's sink).
import type { Params } from '../../shared/contract'

/** A record as a copy writes it: its bytes, headers in order, and its timestamp when kept. */
export interface CopyRecord {
  key: Buffer | null
  value: Buffer | null
  headers: { key: string; value: Buffer | null }[]
  timestamp?: number
}

export interface CopySink {
  /** The target topic and its partition count, read when the sink was made. */
  readonly topic: string
  readonly partitions: number
  /** The connection the topic is on, when it is not the source's. */
  readonly connection?: string
  /**
   * Appends records to one partition, in order: at once on the embedded cluster, once the
   * cluster has acknowledged them (acks=all) on a real one.
   */
  write(partition: number, records: CopyRecord[]): void | Promise<void>
}

export interface CopyHalves {
  /** A topic of this cluster to copy into; NOT_FOUND naming `target` when it does not exist. */
  sink(topic: string): Promise<CopySink>
  /**
   * Reads what `params` ask for from this cluster and writes it into `sink`, as an operation of
   * this cluster. `intoAnotherCluster` lifts the check that a topic copied onto itself has an end.
   */
  start(
    params: Params<'messages.copy'>,
    sink: CopySink,
    intoAnotherCluster: boolean
  ): Promise<{ operationId: string }>
}

/** The error a missing target topic gives, the same from every cluster. */
export function missingTarget(topic: string): { code: 'NOT_FOUND'; message: string } {
  return { code: 'NOT_FOUND', message: `Target topic '${topic}' does not exist: create it first` }
}
