// ApiVersions (key 18): every served API with its version range and, from v3, the supported and
// finalized features. (An unserved ApiVersions version is answered by the connection in the v0
// layout, before a handler runs.)
//
// ApiVersions Request (Version: 3) => client_software_name client_software_version
//
// As Kafka does: below v4, features whose lowest supported level is 0 are left out (older
// clients fail to read them, KAFKA-17492); finalized features at level 0 are left out always.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import {
  supportedApiVersions,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
  type Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'

export function handleApiVersions(
  _body: ApiVersionsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<ApiVersionsResponse> {
  const { engine } = ctx
  const finalized = engine.finalizedFeatures()
  return {
    errorCode: ErrorCode.NONE,
    apiKeys: supportedApiVersions(),
    throttleTimeMs: 0,
    supportedFeatures: engine
      .supportedFeatures()
      .filter((f) => apiVersion >= 4 || f.minVersion > 0)
      .map((f) => ({ name: f.name, minVersion: f.minVersion, maxVersion: f.maxVersion })),
    finalizedFeaturesEpoch: BigInt(finalized.epoch),
    finalizedFeatures: Object.entries(finalized.levels)
      .filter(([, level]) => level !== 0)
      .map(([name, level]) => ({ name, minVersionLevel: level, maxVersionLevel: level }))
  }
}
