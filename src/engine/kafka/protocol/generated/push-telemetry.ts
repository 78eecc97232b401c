// PushTelemetry (key 72): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** PushTelemetry: serves versions 0-0 of the spec's 0. */
export const pushTelemetryApi: ApiSchema = {
  apiKey: 72,
  name: 'PushTelemetry',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'PushTelemetryRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'clientInstanceId', type: 'uuid', versions: '0+' },
      { name: 'subscriptionId', type: 'int32', versions: '0+' },
      { name: 'terminating', type: 'bool', versions: '0+' },
      { name: 'compressionType', type: 'int8', versions: '0+' },
      { name: 'metrics', type: 'bytes', versions: '0+' }
    ]
  },
  response: {
    name: 'PushTelemetryResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' }
    ]
  }
}

/** PushTelemetryRequest body, versions 0-0. */
export interface PushTelemetryRequest {
  /** Unique id for this client instance. (versions 0+) */
  clientInstanceId: string
  /** Unique identifier for the current subscription. (versions 0+) */
  subscriptionId: number
  /** Client is terminating the connection. (versions 0+) */
  terminating: boolean
  /** Compression codec used to compress the metrics. (versions 0+) */
  compressionType: number
  /** Metrics encoded in OpenTelemetry MetricsData v1 protobuf format. (versions 0+) */
  metrics: Buffer
}

/** PushTelemetryResponse body, versions 0-0. */
export interface PushTelemetryResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
