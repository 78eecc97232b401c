// ListClientMetricsResources (74): the names of the CLIENT_METRICS resources (KIP-714 metrics
// subscriptions), which DescribeConfigs / IncrementalAlterConfigs read and change.
//
// ListClientMetricsResources Request (Version: 0) => (no fields)
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  ListClientMetricsResourcesRequest,
  ListClientMetricsResourcesResponse
} from '../protocol'
import type { RequestContext } from '../request-context'

export function handleListClientMetricsResources(
  _body: ListClientMetricsResourcesRequest,
  ctx: RequestContext
): Encodable<ListClientMetricsResourcesResponse> {
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    clientMetricsResources: ctx.engine.clientMetricsResources().map((name) => ({ name }))
  }
}
