// Declarations of `import { startCluster } from 'logdeck'`.
import type { StartCluster } from '../out/types/server/library-types.js'

export type * from '../out/types/server/library-types.js'
export { ApiError } from '../out/types/shared/errors.js'
/** Starts a Kafka-compatible cluster in this process (in memory and on free ports by default). */
export declare const startCluster: StartCluster
