// GetTelemetrySubscriptions (key 71): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** GetTelemetrySubscriptions: serves versions 0-0 of the spec's 0. */
export const getTelemetrySubscriptionsApi: ApiSchema = {
  apiKey: 71,
  name: 'GetTelemetrySubscriptions',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'GetTelemetrySubscriptionsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [{ name: 'clientInstanceId', type: 'uuid', versions: '0+' }]
  },
  response: {
    name: 'GetTelemetrySubscriptionsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'clientInstanceId', type: 'uuid', versions: '0+' },
      { name: 'subscriptionId', type: 'int32', versions: '0+' },
      { name: 'acceptedCompressionTypes', type: '[]int8', versions: '0+' },
      { name: 'pushIntervalMs', type: 'int32', versions: '0+' },
      { name: 'telemetryMaxBytes', type: 'int32', versions: '0+' },
      { name: 'deltaTemporality', type: 'bool', versions: '0+' },
      { name: 'requestedMetrics', type: '[]string', versions: '0+' }
    ]
  }
}

/** GetTelemetrySubscriptionsRequest body, versions 0-0. */
export interface GetTelemetrySubscriptionsRequest {
  /** Unique id for this client instance, must be set to 0 on the first request. (versions 0+) */
  clientInstanceId: string
}

/** GetTelemetrySubscriptionsResponse body, versions 0-0. */
export interface GetTelemetrySubscriptionsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** Assigned client instance id if ClientInstanceId was 0 in the request, else 0. (versions 0+) */
  clientInstanceId: string
  /** Unique identifier for the current subscription set for this client instance. (versions 0+) */
  subscriptionId: number
  /** Compression types that broker accepts for the PushTelemetryRequest. (versions 0+) */
  acceptedCompressionTypes: number[]
  /**
   * Configured push interval, which is the lowest configured interval in the current subscription
   * set. (versions 0+)
   */
  pushIntervalMs: number
  /** The maximum bytes of binary data the broker accepts in PushTelemetryRequest. (versions 0+) */
  telemetryMaxBytes: number
  /**
   * Flag to indicate monotonic/counter metrics are to be emitted as deltas or cumulative values.
   * (versions 0+)
   */
  deltaTemporality: boolean
  /**
   * Requested metrics prefix string match. Empty array: No metrics subscribed, Array[0] empty
   * string: All metrics subscribed. (versions 0+)
   */
  requestedMetrics: string[]
}
