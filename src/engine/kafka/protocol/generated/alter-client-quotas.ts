// AlterClientQuotas (key 49): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AlterClientQuotas: serves versions 0-1 of the spec's 0-1. */
export const alterClientQuotasApi: ApiSchema = {
  apiKey: 49,
  name: 'AlterClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  request: {
    name: 'AlterClientQuotasRequest',
    validVersions: '0-1',
    flexibleVersions: '1+',
    fields: [
      {
        name: 'entries',
        type: '[]EntryData',
        versions: '0+',
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
            name: 'ops',
            type: '[]OpData',
            versions: '0+',
            fields: [
              { name: 'key', type: 'string', versions: '0+' },
              { name: 'value', type: 'float64', versions: '0+' },
              { name: 'remove', type: 'bool', versions: '0+' }
            ]
          }
        ]
      },
      { name: 'validateOnly', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'AlterClientQuotasResponse',
    validVersions: '0-1',
    flexibleVersions: '1+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'entries',
        type: '[]EntryData',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          {
            name: 'entity',
            type: '[]EntityData',
            versions: '0+',
            fields: [
              { name: 'entityType', type: 'string', versions: '0+' },
              { name: 'entityName', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** AlterClientQuotasRequest body, versions 0-1. */
export interface AlterClientQuotasRequest {
  /** The quota configuration entries to alter. (versions 0+) */
  entries: AlterClientQuotasRequestEntryData[]
  /** Whether the alteration should be validated, but not performed. (versions 0+) */
  validateOnly: boolean
}

/** A struct of AlterClientQuotasRequest. */
export interface AlterClientQuotasRequestEntryData {
  /** The quota entity to alter. (versions 0+) */
  entity: AlterClientQuotasRequestEntityData[]
  /** An individual quota configuration entry to alter. (versions 0+) */
  ops: AlterClientQuotasRequestOpData[]
}

/** A struct of AlterClientQuotasRequest. */
export interface AlterClientQuotasRequestEntityData {
  /** The entity type. (versions 0+) */
  entityType: string
  /** The name of the entity, or null if the default. (versions 0+; nullable 0+) */
  entityName: string | null
}

/** A struct of AlterClientQuotasRequest. */
export interface AlterClientQuotasRequestOpData {
  /** The quota configuration key. (versions 0+) */
  key: string
  /** The value to set, otherwise ignored if the value is to be removed. (versions 0+) */
  value: number
  /** Whether the quota configuration value should be removed, otherwise set. (versions 0+) */
  remove: boolean
}

/** AlterClientQuotasResponse body, versions 0-1. */
export interface AlterClientQuotasResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The quota configuration entries to alter. (versions 0+) */
  entries: AlterClientQuotasResponseEntryData[]
}

/** A struct of AlterClientQuotasResponse. */
export interface AlterClientQuotasResponseEntryData {
  /** The error code, or `0` if the quota alteration succeeded. (versions 0+) */
  errorCode: number
  /** The error message, or `null` if the quota alteration succeeded. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The quota entity to alter. (versions 0+) */
  entity: AlterClientQuotasResponseEntityData[]
}

/** A struct of AlterClientQuotasResponse. */
export interface AlterClientQuotasResponseEntityData {
  /** The entity type. (versions 0+) */
  entityType: string
  /** The name of the entity, or null if the default. (versions 0+; nullable 0+) */
  entityName: string | null
}
