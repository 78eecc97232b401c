// Constants of Kafka's wire protocol that more than one layer needs.

/** The null topic id (a UUID of zeros): "no id" in requests and responses. */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000'

/** Java's Long.MAX_VALUE as Kafka writes it in configs: "no limit". */
export const LONG_MAX = '9223372036854775807'
