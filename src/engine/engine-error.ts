// The engine's one error type: a reason the edges translate (to a Kafka error code in kafka/,
// to the contract's error code in service/), a message for people, and the field it is about.

export type EngineErrorReason =
  /** A parameter out of range or malformed. */
  | 'invalid-argument'
  | 'invalid-topic-name'
  | 'invalid-config'
  /** A request Kafka refuses as a whole (INVALID_REQUEST): an empty or unknown name or key. */
  | 'invalid-request'
  /** A broker config Kafka changes only at start (read-only), asked to change at run time. */
  | 'read-only-config'
  | 'invalid-partitions'
  | 'invalid-replication-factor'
  /** A manual replica assignment Kafka would refuse (unknown or repeated brokers, wrong size). */
  | 'invalid-replica-assignment'
  | 'topic-exists'
  /** An internal topic (__consumer_offsets) asked to be deleted or produced to. */
  | 'internal-topic'
  /** The name differs from an existing topic's only by '.' versus '_'. */
  | 'topic-name-collision'
  | 'unknown-topic'
  /** A group, broker or partition that does not exist. */
  | 'not-found'
  /** The group has members, or the demo is not in the state asked for. */
  | 'group-not-empty'
  | 'unavailable'
  /** The disk is full: the change was refused before anything changed. */
  | 'storage-full'
  /** A reassignment cancelled where none runs. */
  | 'no-reassignment'
  /** A finalized feature update the cluster does not support (UpdateFeatures). */
  | 'invalid-feature-update'

export class EngineError extends Error {
  constructor(
    readonly reason: EngineErrorReason,
    message: string,
    /** The parameter or config the error is about. */
    readonly field?: string
  ) {
    super(message)
    this.name = 'EngineError'
  }
}
