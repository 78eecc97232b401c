// What each area of an external backend works with: the connection, its Kafka clients and the
// history collected from it.
import { ApiError } from '../../../shared/errors'
import type { KafkaClients } from './clients'
import type { OffsetHistory } from './history'
import type { ThrottledMoves } from './throttled-moves'

export interface ExternalContext {
  id: string
  name: string
  clients: KafkaClients
  history: OffsetHistory
  /** The moves the console throttled, and its log of the throttles it took off. */
  moves: ThrottledMoves
}

/** The error for what only the embedded cluster can do. */
export function embeddedOnly(ctx: ExternalContext, what: string): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `Not on this cluster: ${what} is only possible on the embedded cluster, and '${ctx.name}' is a Kafka cluster`
  )
}

/** The error for schema work on a connection that names no schema registry. */
export function noRegistry(ctx: ExternalContext): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `Not on this cluster: '${ctx.name}' names no schema registry; add its URL to the connection`
  )
}
