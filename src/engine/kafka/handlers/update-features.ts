// UpdateFeatures (key 57): changes finalized feature levels (kafka-features upgrade / downgrade /
// disable), all or none, as Kafka's controller checks them (cluster/features.ts). A refused
// update fails the whole request with INVALID_UPDATE_VERSION at the top level and no results;
// otherwise every feature is answered NONE. validate_only checks without changing anything.
//
// UpdateFeatures Request (Version: 1) => timeout_ms [feature_updates] validate_only
//   feature_updates => feature max_version_level upgrade_type
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { UpgradeType } from '../../cluster/features'
import type { Encodable, UpdateFeaturesRequest, UpdateFeaturesResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { toKafkaError } from '../error-codes'

export function handleUpdateFeatures(
  body: UpdateFeaturesRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<UpdateFeaturesResponse> {
  const updates = body.featureUpdates.map((u) => ({
    feature: u.feature,
    level: u.maxVersionLevel,
    // v0 has allow_downgrade where v1 has the upgrade type.
    upgradeType:
      apiVersion === 0
        ? u.allowDowngrade
          ? UpgradeType.SAFE_DOWNGRADE
          : UpgradeType.UPGRADE
        : u.upgradeType
  }))
  try {
    ctx.engine.updateFeatures(updates, body.validateOnly)
  } catch (err) {
    const { code, message } = toKafkaError(err)
    return {
      throttleTimeMs: 0,
      errorCode: code,
      errorMessage: `The update failed for all features since the following feature had an error: ${message}`,
      results: []
    }
  }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    results: body.featureUpdates.map((u) => ({
      feature: u.feature,
      errorCode: ErrorCode.NONE,
      errorMessage: null
    }))
  }
}
