// Parameter schemas for every contract method: the one place where input from the renderer,
// a script or a browser tab is checked before it reaches a backend.
import type { z } from 'zod'
import type { MethodName } from './methods'
import { clusterParams } from './api/cluster'
import { topicsParams } from './api/topics'
import { messagesParams } from './api/messages'
import { groupsParams } from './api/groups'
import { partitionsParams } from './api/partitions'
import { metricsParams } from './api/metrics'
import { demoParams } from './api/demo'
import { connectionsParams } from './api/connections'
import { faultsParams } from './api/faults'
import { transactionsParams } from './api/transactions'
import { usersParams } from './api/users'
import { aclsParams } from './api/acls'
import { quotasParams } from './api/quotas'
import { clientMetricsParams } from './api/client-metrics'
import { brokerConfigsParams } from './api/broker-configs'
import { schemasParams } from './api/schemas'

export const paramSchemas = {
  ...clusterParams,
  ...topicsParams,
  ...messagesParams,
  ...groupsParams,
  ...partitionsParams,
  ...metricsParams,
  ...demoParams,
  ...connectionsParams,
  ...transactionsParams,
  ...faultsParams,
  ...usersParams,
  ...aclsParams,
  ...quotasParams,
  ...clientMetricsParams,
  ...brokerConfigsParams,
  ...schemasParams
} as const satisfies Record<MethodName, z.ZodType>

// Every schema belongs to a listed method (the reverse is checked by `satisfies` above).
type Unlisted = Exclude<keyof typeof paramSchemas, MethodName>
/** @public A compile-time check: no module reads it. */
export const noUnlistedMethods: [Unlisted] extends [never] ? true : never = true

/** Every method but connections.* works on one connection: the embedded cluster by default. */
type OnConnection<M extends MethodName> = M extends `connections.${string}`
  ? unknown
  : { connection?: string }

export type ParamsOf<M extends MethodName> = z.input<(typeof paramSchemas)[M]> & OnConnection<M>
