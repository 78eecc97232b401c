// DescribeClientQuotas (key 48): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeClientQuotas: serves versions 0-1 of the spec's 0-1. */
export const describeClientQuotasApi: ApiSchema = {
  apiKey: 48,
  name: 'DescribeClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  request: {
    name: 'DescribeClientQuotasRequest',
    validVersions: '0-1',
    flexibleVersions: '1+',
    fields: [
      {
        name: 'components',
        type: '[]ComponentData',
        versions: '0+',
        fields: [
          { name: 'entityType', type: 'string', versions: '0+' },
          { name: 'matchType', type: 'int8', versions: '0+' },
          { name: 'match', type: 'string', versions: '0+', nullableVersions: '0+' }
        ]
      },
      { name: 'strict', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'DescribeClientQuotasResponse',
    validVersions: '0-1',
    flexibleVersions: '1+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'entries',
        type: '[]EntryData',
        versions: '0+',
        nullableVersions: '0+',
        fields: [
          {
            name: 'entity',
            type: '[]EntityData',
            versions: '0+',
            fields: [
              { name: 'entityType', type: 'string', versions: '0+' },
              { name: 'entityName', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          },
          {
            name: 'values',
            type: '[]ValueData',
            versions: '0+',
            fields: [
              { name: 'key', type: 'string', versions: '0+' },
              { name: 'value', type: 'float64', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeClientQuotasRequest body, versions 0-1. */
export interface DescribeClientQuotasRequest {
  /** Filter components to apply to quota entities. (versions 0+) */
  components: DescribeClientQuotasRequestComponentData[]
  /**
   * Whether the match is strict, i.e. should exclude entities with unspecified entity types.
   * (versions 0+)
   */
  strict: boolean
}

/** A struct of DescribeClientQuotasRequest. */
export interface DescribeClientQuotasRequestComponentData {
  /** The entity type that the filter component applies to. (versions 0+) */
  entityType: string
  /**
   * How to match the entity {0 = exact name, 1 = default name, 2 = any specified name}. (versions
   * 0+)
   */
  matchType: number
  /**
   * The string to match against, or null if unused for the match type. (versions 0+; nullable 0+)
   */
  match: string | null
}

/** DescribeClientQuotasResponse body, versions 0-1. */
export interface DescribeClientQuotasResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or `0` if the quota description succeeded. (versions 0+) */
  errorCode: number
  /** The error message, or `null` if the quota description succeeded. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** A result entry. (versions 0+; nullable 0+) */
  entries: DescribeClientQuotasResponseEntryData[] | null
}

/** A struct of DescribeClientQuotasResponse. */
export interface DescribeClientQuotasResponseEntryData {
  /** The quota entity description. (versions 0+) */
  entity: DescribeClientQuotasResponseEntityData[]
  /** The quota values for the entity. (versions 0+) */
  values: DescribeClientQuotasResponseValueData[]
}

/** A struct of DescribeClientQuotasResponse. */
export interface DescribeClientQuotasResponseEntityData {
  /** The entity type. (versions 0+) */
  entityType: string
  /** The entity name, or null if the default. (versions 0+; nullable 0+) */
  entityName: string | null
}

/** A struct of DescribeClientQuotasResponse. */
export interface DescribeClientQuotasResponseValueData {
  /** The quota configuration key. (versions 0+) */
  key: string
  /** The quota configuration value. (versions 0+) */
  value: number
}
