// DescribeCluster (key 60): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeCluster: serves versions 0-2 of the spec's 0-2. */
export const describeClusterApi: ApiSchema = {
  apiKey: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 0,
  request: {
    name: 'DescribeClusterRequest',
    validVersions: '0-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'includeClusterAuthorizedOperations', type: 'bool', versions: '0+' },
      { name: 'endpointType', type: 'int8', versions: '1+', default: '1' },
      { name: 'includeFencedBrokers', type: 'bool', versions: '2+' }
    ]
  },
  response: {
    name: 'DescribeClusterResponse',
    validVersions: '0-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'errorMessage',
        type: 'string',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null'
      },
      { name: 'endpointType', type: 'int8', versions: '1+', default: '1' },
      { name: 'clusterId', type: 'string', versions: '0+' },
      { name: 'controllerId', type: 'int32', versions: '0+', default: '-1' },
      {
        name: 'brokers',
        type: '[]DescribeClusterBroker',
        versions: '0+',
        fields: [
          { name: 'brokerId', type: 'int32', versions: '0+' },
          { name: 'host', type: 'string', versions: '0+' },
          { name: 'port', type: 'int32', versions: '0+' },
          { name: 'rack', type: 'string', versions: '0+', nullableVersions: '0+', default: 'null' },
          { name: 'isFenced', type: 'bool', versions: '2+' }
        ]
      },
      { name: 'clusterAuthorizedOperations', type: 'int32', versions: '0+', default: '-2147483648' }
    ]
  }
}

/** DescribeClusterRequest body, versions 0-2. */
export interface DescribeClusterRequest {
  /** Whether to include cluster authorized operations. (versions 0+) */
  includeClusterAuthorizedOperations: boolean
  /** The endpoint type to describe. 1=brokers, 2=controllers. (versions 1+; default 1) */
  endpointType: number
  /** Whether to include fenced brokers when listing brokers. (versions 2+) */
  includeFencedBrokers: boolean
}

/** DescribeClusterResponse body, versions 0-2. */
export interface DescribeClusterResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The endpoint type that was described. 1=brokers, 2=controllers. (versions 1+; default 1) */
  endpointType: number
  /** The cluster ID that responding broker belongs to. (versions 0+) */
  clusterId: string
  /**
   * The ID of the controller. When handled by a controller, returns the current voter leader ID.
   * When handled by a broker, returns a random alive broker ID as a fallback. (versions 0+; default
   * -1)
   */
  controllerId: number
  /** Each broker in the response. (versions 0+) */
  brokers: DescribeClusterResponseDescribeClusterBroker[]
  /**
   * 32-bit bitfield to represent authorized operations for this cluster. (versions 0+; default
   * -2147483648)
   */
  clusterAuthorizedOperations: number
}

/** A struct of DescribeClusterResponse. */
export interface DescribeClusterResponseDescribeClusterBroker {
  /** The broker ID. (versions 0+) */
  brokerId: number
  /** The broker hostname. (versions 0+) */
  host: string
  /** The broker port. (versions 0+) */
  port: number
  /**
   * The rack of the broker, or null if it has not been assigned to a rack. (versions 0+; nullable
   * 0+; default null)
   */
  rack: string | null
  /** Whether the broker is fenced. (versions 2+) */
  isFenced: boolean
}
