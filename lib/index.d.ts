// Declarations of `require('logdeck')`.
import type { StartCluster } from '../out/types/server/library-types'

export type * from '../out/types/server/library-types'
export { ApiError } from '../out/types/shared/errors'
/** Starts a Kafka-compatible cluster in this process (in memory and on free ports by default). */
export declare const startCluster: StartCluster
