// Kafka's numeric error codes that the group coordinator and the offset APIs answer with.

export const GroupErrorCode = {
  NONE: 0,
  UNKNOWN_SERVER_ERROR: -1,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  OFFSET_METADATA_TOO_LARGE: 12,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  MEMBER_ID_REQUIRED: 79,
  GROUP_MAX_SIZE_REACHED: 81,
  FENCED_INSTANCE_ID: 82
} as const

export type GroupErrorCode = (typeof GroupErrorCode)[keyof typeof GroupErrorCode]

const names = new Map<number, string>(Object.entries(GroupErrorCode).map(([k, v]) => [v, k]))

/** Kafka's name for a code, e.g. `REBALANCE_IN_PROGRESS`; for log lines and test messages. */
export function groupErrorName(code: number): string {
  return names.get(code) ?? `ERROR_${code}`
}
