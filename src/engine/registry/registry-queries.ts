// The registry's SQL, named by table and verb, over its own database.
import type { RegistryDb } from './registry-db'

export interface SchemaRow {
  id: number
  schema_type: string
  schema: string
  refs: string
}

export interface VersionRow {
  subject: string
  version: number
  schema_id: number
  deleted: number
}

export function registryQueries(db: RegistryDb) {
  return {
    schemaById: db.prepare<[number], SchemaRow>(
      'SELECT id, schema_type, schema, refs FROM registry_schemas WHERE id = ?'
    ),
    allSchemas: db.prepare<[], SchemaRow>(
      'SELECT id, schema_type, schema, refs FROM registry_schemas ORDER BY id'
    ),
    /** Changes whenever a schema is added or a version is added or removed. */
    catalogKey: db.prepare<[], { key: string }>(
      "SELECT (SELECT IFNULL(MAX(id), 0) FROM registry_schemas) || ':' || (SELECT COUNT(*) FROM registry_versions) || ':' || (SELECT IFNULL(SUM(deleted), 0) FROM registry_versions) AS key"
    ),
    schemaIdByIdentity: db.prepare<[string], { id: number }>(
      'SELECT id FROM registry_schemas WHERE identity = ?'
    ),
    insertSchema: db.prepare<[string, string, string, string]>(
      'INSERT INTO registry_schemas (schema_type, schema, identity, refs) VALUES (?, ?, ?, ?)'
    ),
    insertSchemaWithId: db.prepare<[number, string, string, string, string]>(
      'INSERT INTO registry_schemas (id, schema_type, schema, identity, refs) VALUES (?, ?, ?, ?, ?)'
    ),
    subjects: db.prepare<[number], { subject: string }>(
      'SELECT DISTINCT subject FROM registry_versions WHERE deleted <= ? ORDER BY subject'
    ),
    versionsOfSubject: db.prepare<[string], VersionRow>(
      'SELECT subject, version, schema_id, deleted FROM registry_versions WHERE subject = ? ORDER BY version'
    ),
    versionsOfSchema: db.prepare<[number], VersionRow>(
      'SELECT subject, version, schema_id, deleted FROM registry_versions WHERE schema_id = ? ORDER BY subject, version'
    ),
    allVersions: db.prepare<[], VersionRow>(
      'SELECT subject, version, schema_id, deleted FROM registry_versions WHERE deleted = 0'
    ),
    insertVersion: db.prepare<[string, number, number]>(
      'INSERT INTO registry_versions (subject, version, schema_id) VALUES (?, ?, ?)'
    ),
    softDeleteVersion: db.prepare<[string, number]>(
      'UPDATE registry_versions SET deleted = 1 WHERE subject = ? AND version = ?'
    ),
    hardDeleteVersion: db.prepare<[string, number]>(
      'DELETE FROM registry_versions WHERE subject = ? AND version = ?'
    ),
    config: db.prepare<[string], { compatibility: string }>(
      'SELECT compatibility FROM registry_config WHERE subject = ?'
    ),
    setConfig: db.prepare<[string, string]>(
      'INSERT INTO registry_config (subject, compatibility) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET compatibility = excluded.compatibility'
    ),
    deleteConfig: db.prepare<[string]>('DELETE FROM registry_config WHERE subject = ?'),
    mode: db.prepare<[string], { mode: string }>(
      'SELECT mode FROM registry_mode WHERE subject = ?'
    ),
    setMode: db.prepare<[string, string]>(
      'INSERT INTO registry_mode (subject, mode) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET mode = excluded.mode'
    ),
    deleteMode: db.prepare<[string]>('DELETE FROM registry_mode WHERE subject = ?')
  }
}

export type RegistryQueries = ReturnType<typeof registryQueries>
