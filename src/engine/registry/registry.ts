// The schema registry: subjects and their versions, schemas by id (identical schemas share one,
// ids are never reused), references, soft and hard deletes, compatibility levels and modes, as
// Confluent's Schema Registry keeps them.
import { openRegistryDb, type RegistryDb } from './registry-db'
import { registryQueries, type RegistryQueries, type VersionRow } from './registry-queries'
import { RegistryError } from './registry-error'
import { loadFormat } from './formats'
import type { CatalogEntry, TypedSchemaSource } from './catalog'
import type { ProtobufSchema } from './formats/protobuf'
import { SCHEMA_TYPES, type Dependency, type ParsedSchema, type SchemaType } from './formats/format'
import {
  compatibilityProblems,
  describeProblem,
  isCompatibilityLevel,
  versionsChecked,
  type CompatibilityLevel,
  type CompatibilityProblem
} from './compatibility'

export interface SchemaReference {
  name: string
  subject: string
  version: number
}

export interface SchemaInput {
  schema: string
  schemaType?: SchemaType
  references?: SchemaReference[]
  /** Only in IMPORT mode: the id (and version) the schema had elsewhere. */
  id?: number
  version?: number
}

export interface StoredSchema {
  id: number
  schemaType: SchemaType
  schema: string
  references: SchemaReference[]
}

export interface SubjectVersion extends StoredSchema {
  subject: string
  version: number
}

export const MODES = ['READWRITE', 'READONLY', 'IMPORT'] as const
export type RegistryMode = (typeof MODES)[number]

const MAX_VERSION = 2 ** 31 - 1
const GLOBAL = ''

export class SchemaRegistry implements TypedSchemaSource {
  private readonly q: RegistryQueries
  private readonly parsed = new Map<number, Promise<ParsedSchema>>()
  /** Each Protobuf schema's text as written back from its descriptor, to match descriptors. */
  private readonly descriptorTexts = new Map<number, string>()

  private constructor(private readonly db: RegistryDb) {
    this.q = registryQueries(db)
  }

  static open(dataDir: string, fsync = false): SchemaRegistry {
    return new SchemaRegistry(openRegistryDb(dataDir, fsync))
  }

  close(): void {
    this.db.close()
  }

  // --- subjects and versions ---

  subjects(opts: { deleted?: boolean; prefix?: string } = {}): string[] {
    return this.q.subjects
      .all(opts.deleted ? 1 : 0)
      .map((r) => r.subject)
      .filter((s) => !opts.prefix || s.startsWith(opts.prefix))
  }

  versions(subject: string, opts: { deleted?: boolean } = {}): number[] {
    const rows = this.liveRows(subject, opts.deleted)
    return rows.map((r) => r.version)
  }

  getVersion(
    subject: string,
    version: string | number,
    opts: { deleted?: boolean } = {}
  ): SubjectVersion {
    const row = this.findVersion(subject, version, opts.deleted)
    return { ...this.schemaById(row.schema_id), subject, version: row.version }
  }

  latest(subject: string): SubjectVersion | null {
    const rows = this.q.versionsOfSubject.all(subject).filter((r) => !r.deleted)
    const last = rows.at(-1)
    return last ? { ...this.schemaById(last.schema_id), subject, version: last.version } : null
  }

  /** The ids of schemas whose references name this subject version. */
  referencedBy(subject: string, version: string | number): number[] {
    const row = this.findVersion(subject, version, false)
    return this.referrers(subject, row.version)
  }

  // --- schemas by id ---

  schemaById(id: number): StoredSchema {
    const row = this.q.schemaById.get(id)
    if (!row) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${id} not found`)
    return {
      id: row.id,
      schemaType: row.schema_type as SchemaType,
      schema: row.schema,
      references: JSON.parse(row.refs) as SchemaReference[]
    }
  }

  idVersions(id: number, opts: { deleted?: boolean } = {}): { subject: string; version: number }[] {
    this.schemaById(id)
    return this.q.versionsOfSchema
      .all(id)
      .filter((r) => opts.deleted || !r.deleted)
      .map((r) => ({ subject: r.subject, version: r.version }))
  }

  async describeSchema(id: number) {
    return {
      type: this.schemaById(id).schemaType,
      versions: this.idVersions(id, { deleted: true })
    }
  }

  async subjectVersion(subject: string, version: string | number) {
    const v = this.getVersion(subject, version)
    return { id: v.id, version: v.version }
  }

  idSubjects(id: number, opts: { deleted?: boolean } = {}): string[] {
    return [...new Set(this.idVersions(id, opts).map((v) => v.subject))]
  }

  /**
   * Every schema with its references resolved and the subject versions holding it: what a
   * decoder away from the registry (a scan worker) needs.
   */
  catalog(): CatalogEntry[] {
    return this.q.allSchemas.all().map((row) => {
      let deps: Dependency[] = []
      try {
        deps = this.dependencies(JSON.parse(row.refs) as SchemaReference[], new Set())
      } catch {
        // A reference that no longer resolves: the schema fails to parse, and says so.
      }
      return {
        id: row.id,
        type: row.schema_type as SchemaType,
        schema: row.schema,
        deps,
        versions: this.q.versionsOfSchema
          .all(row.id)
          .map((v) => ({ subject: v.subject, version: v.version }))
      }
    })
  }

  /** A catalog is current while this is unchanged. */
  catalogKey(): string {
    return this.q.catalogKey.get()?.key ?? ''
  }

  /** The parsed schema of an id (cached): for decoding and compatibility checks. */
  parsedById(id: number): Promise<ParsedSchema> {
    let p = this.parsed.get(id)
    if (!p) {
      const stored = this.schemaById(id)
      p = this.parse(stored)
      p.catch(() => this.parsed.delete(id))
      this.parsed.set(id, p)
    }
    return p
  }

  // --- registering ---

  async register(subject: string, input: SchemaInput): Promise<SubjectVersion> {
    checkSubjectName(subject)
    const mode = this.mode(subject)
    if (mode === 'READONLY')
      throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject ${subject} is in read-only mode`)
    if (input.id !== undefined && mode !== 'IMPORT')
      throw new RegistryError(
        'OPERATION_NOT_PERMITTED',
        'A schema id can only be given in IMPORT mode'
      )
    input = await this.asText(input)
    const type = input.schemaType ?? 'AVRO'
    const references = input.references ?? []
    const parsed = await this.parse({ schemaType: type, schema: input.schema, references })
    const identity = JSON.stringify([type, parsed.canonical, references])
    const rows = this.q.versionsOfSubject.all(subject)
    const existingId = this.q.schemaIdByIdentity.get(identity)?.id
    const same = rows.find((r) => !r.deleted && r.schema_id === existingId)
    if (same) return this.getVersion(subject, same.version)
    if (mode !== 'IMPORT') {
      const problems = await this.problems(subject, parsed, undefined)
      if (problems.length)
        throw new RegistryError(
          'INCOMPATIBLE_SCHEMA',
          `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: ${problems.map(describeProblem).join('; ')}`,
          problems
        )
    }
    const version = input.version ?? (rows.at(-1)?.version ?? 0) + 1
    if (rows.some((r) => r.version === version))
      throw new RegistryError('INVALID_VERSION', `Version ${version} of subject ${subject} exists`)
    const id = this.db.transaction(() => {
      let id = existingId
      if (id === undefined) {
        if (input.id !== undefined) {
          if (this.q.schemaById.get(input.id))
            throw new RegistryError(
              'OPERATION_NOT_PERMITTED',
              `Schema id ${input.id} is already taken by another schema`
            )
          this.q.insertSchemaWithId.run(
            input.id,
            type,
            input.schema,
            identity,
            JSON.stringify(references)
          )
          id = input.id
        } else {
          id = Number(
            this.q.insertSchema.run(type, input.schema, identity, JSON.stringify(references))
              .lastInsertRowid
          )
        }
      }
      this.q.insertVersion.run(subject, version, id)
      return id
    })()
    return { id, schemaType: type, schema: input.schema, references, subject, version }
  }

  /** The subject's version holding this schema. */
  async lookup(
    subject: string,
    input: SchemaInput,
    opts: { deleted?: boolean } = {}
  ): Promise<SubjectVersion> {
    const rows = this.liveRows(subject, opts.deleted)
    input = await this.asText(input)
    const type = input.schemaType ?? 'AVRO'
    const references = input.references ?? []
    const parsed = await this.parse({ schemaType: type, schema: input.schema, references })
    const id = this.q.schemaIdByIdentity.get(
      JSON.stringify([type, parsed.canonical, references])
    )?.id
    const row = rows.findLast((r) => r.schema_id === id)
    if (!row) throw new RegistryError('SCHEMA_NOT_FOUND', 'Schema not found')
    return this.getVersion(subject, row.version, { deleted: true })
  }

  /**
   * Why `input` may not be registered under `subject`: checked against one version, or (without
   * `version`) against the versions the subject's compatibility level names. One line per
   * broken rule, as Confluent's verbose answers give them.
   */
  async checkCompatibility(
    subject: string,
    input: SchemaInput,
    version?: string | number
  ): Promise<string[]> {
    const parsed = await this.parseInput(input)
    if (version === undefined)
      return (await this.problems(subject, parsed, undefined)).map(describeProblem)
    if (this.q.versionsOfSubject.all(subject).every((r) => r.deleted)) {
      if (version === 'latest' || version === -1 || version === '-1') return []
    }
    const row = this.findVersion(subject, version, false)
    return (await this.problems(subject, parsed, row)).map(describeProblem)
  }

  /**
   * What registering `input` under `subject` would do: the versions its level checks, what each
   * breaks, or the version that already holds the schema.
   */
  async verdict(
    subject: string,
    input: SchemaInput
  ): Promise<{
    level: CompatibilityLevel
    checkedVersions: number[]
    problems: CompatibilityProblem[]
    existing?: { version: number; id: number }
  }> {
    const parsed = await this.parseInput(input)
    const level = this.compatibility(subject)
    const rows = this.q.versionsOfSubject.all(subject).filter((r) => !r.deleted)
    const id = this.q.schemaIdByIdentity.get(this.identity(input, parsed))?.id
    const same = rows.find((r) => r.schema_id === id)
    if (same)
      return {
        level,
        checkedVersions: [],
        problems: [],
        existing: { version: same.version, id: same.schema_id }
      }
    return {
      level,
      checkedVersions: versionsChecked(level, rows).map((r) => r.version),
      problems: await this.problems(subject, parsed, undefined)
    }
  }

  /**
   * A Protobuf schema as the text the registry keeps: a base64 FileDescriptorProto (as Confluent's
   * serializers register and look it up) or a text in another layout (comments, spacing) that
   * stands for the same file as a registered schema with the same references takes that schema's
   * text, so it gets its id; a new descriptor is written as text.
   */
  private async asText(input: SchemaInput): Promise<SchemaInput> {
    if (input.schemaType !== 'PROTOBUF') return input
    // Base64 has no spaces, quotes, semicolons or braces; a .proto text has.
    const isDescriptor = /^[A-Za-z0-9+/]+={0,2}$/.test(input.schema.trim())
    if (!isDescriptor && input.id !== undefined) return input
    const [{ decodeDescriptor, descriptorText }, { serializedDescriptor }] = await Promise.all([
      import('./formats/protobuf-text'),
      import('./formats/protobuf-descriptor')
    ])
    const references = input.references ?? []
    let text: string
    if (isDescriptor) {
      try {
        text = descriptorText(decodeDescriptor(input.schema))
      } catch (err) {
        throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${(err as Error).message}`)
      }
    } else {
      const parsed = await this.parse({ schemaType: 'PROTOBUF', schema: input.schema, references })
      const identity = JSON.stringify(['PROTOBUF', parsed.canonical, references])
      if (this.q.schemaIdByIdentity.get(identity)) return input
      try {
        text = descriptorText(decodeDescriptor(serializedDescriptor(parsed as ProtobufSchema)))
      } catch {
        return input
      }
    }
    const refsKey = (refs: SchemaReference[]) =>
      JSON.stringify(refs.map((r) => [r.name, r.subject, r.version]))
    const refs = refsKey(references)
    for (const row of this.q.allSchemas.all()) {
      if (row.schema_type !== 'PROTOBUF') continue
      if (refsKey(JSON.parse(row.refs) as SchemaReference[]) !== refs) continue
      let own = this.descriptorTexts.get(row.id)
      if (own === undefined) {
        try {
          const parsed = (await this.parsedById(row.id)) as ProtobufSchema
          own = descriptorText(decodeDescriptor(serializedDescriptor(parsed)))
        } catch {
          own = ''
        }
        this.descriptorTexts.set(row.id, own)
      }
      if (own === text) return { ...input, schema: row.schema }
    }
    return isDescriptor ? { ...input, schema: text } : input
  }

  private async parseInput(input: SchemaInput): Promise<ParsedSchema> {
    input = await this.asText(input)
    return this.parse({
      schemaType: input.schemaType ?? 'AVRO',
      schema: input.schema,
      references: input.references ?? []
    })
  }

  private identity(input: SchemaInput, parsed: ParsedSchema): string {
    return JSON.stringify([input.schemaType ?? 'AVRO', parsed.canonical, input.references ?? []])
  }

  private async problems(
    subject: string,
    candidate: ParsedSchema,
    only: VersionRow | undefined
  ): Promise<CompatibilityProblem[]> {
    const level = this.compatibility(subject)
    const rows = only ? [only] : this.q.versionsOfSubject.all(subject).filter((r) => !r.deleted)
    const previous = await Promise.all(
      rows.map(async (r) => ({ version: r.version, schema: await this.parsedById(r.schema_id) }))
    )
    const format = await loadFormat(candidate.type)
    return compatibilityProblems(format, level, candidate, previous)
  }

  // --- deleting ---

  deleteVersion(subject: string, version: string | number, permanent: boolean): number {
    // 'latest' is the latest live version for a soft delete; a number may name a deleted one.
    const row = this.findVersion(subject, version, permanent || parseVersion(version) !== -1)
    if (!permanent && row.deleted)
      throw new RegistryError(
        'VERSION_SOFT_DELETED',
        `Subject '${subject}' Version ${row.version} was soft deleted. Set permanent=true to delete permanently`
      )
    if (permanent && !row.deleted)
      throw new RegistryError(
        'VERSION_NOT_SOFT_DELETED',
        `Subject '${subject}' Version ${row.version} was not deleted first before being permanently deleted`
      )
    this.checkNotReferenced(subject, row.version)
    if (permanent) this.q.hardDeleteVersion.run(subject, row.version)
    else this.q.softDeleteVersion.run(subject, row.version)
    return row.version
  }

  deleteSubject(subject: string, permanent: boolean): number[] {
    const rows = this.q.versionsOfSubject.all(subject)
    if (rows.length === 0) throw subjectNotFound(subject)
    const live = rows.filter((r) => !r.deleted)
    if (!permanent && live.length === 0)
      throw new RegistryError(
        'SUBJECT_SOFT_DELETED',
        `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`
      )
    if (permanent && live.length > 0)
      throw new RegistryError(
        'SUBJECT_NOT_SOFT_DELETED',
        `Subject '${subject}' was not deleted first before being permanently deleted`
      )
    for (const r of rows) this.checkNotReferenced(subject, r.version)
    this.db.transaction(() => {
      for (const r of rows) {
        if (permanent) this.q.hardDeleteVersion.run(subject, r.version)
        else this.q.softDeleteVersion.run(subject, r.version)
      }
      if (permanent) {
        this.q.deleteConfig.run(subject)
        this.q.deleteMode.run(subject)
      }
    })()
    return rows.map((r) => r.version)
  }

  // --- config and mode ---

  /** The level in force for a subject: its own, else the global one. */
  compatibility(subject?: string): CompatibilityLevel {
    const own = subject === undefined ? undefined : this.q.config.get(subject)?.compatibility
    const level = own ?? this.q.config.get(GLOBAL)?.compatibility ?? 'BACKWARD'
    return level as CompatibilityLevel
  }

  /** A subject's own level, or null when it has none. */
  subjectCompatibility(subject: string): CompatibilityLevel | null {
    return (this.q.config.get(subject)?.compatibility as CompatibilityLevel | undefined) ?? null
  }

  setCompatibility(subject: string | undefined, level: unknown): CompatibilityLevel {
    if (!isCompatibilityLevel(level))
      throw new RegistryError(
        'INVALID_COMPATIBILITY_LEVEL',
        `Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive`
      )
    this.q.setConfig.run(subject ?? GLOBAL, level)
    return level
  }

  /** Removes a subject's level (or resets the global one); returns the level it had. */
  deleteCompatibility(subject?: string): CompatibilityLevel {
    const before = this.compatibility(subject)
    if (subject !== undefined && !this.q.config.get(subject)) throw subjectNotFound(subject)
    this.q.deleteConfig.run(subject ?? GLOBAL)
    return before
  }

  mode(subject?: string): RegistryMode {
    const own = subject === undefined ? undefined : this.q.mode.get(subject)?.mode
    return (own ?? this.q.mode.get(GLOBAL)?.mode ?? 'READWRITE') as RegistryMode
  }

  subjectMode(subject: string): RegistryMode | null {
    return (this.q.mode.get(subject)?.mode as RegistryMode | undefined) ?? null
  }

  setMode(subject: string | undefined, mode: unknown): RegistryMode {
    if (typeof mode !== 'string' || !(MODES as readonly string[]).includes(mode))
      throw new RegistryError('INVALID_MODE', `Invalid mode. Valid values are ${MODES.join(', ')}`)
    this.q.setMode.run(subject ?? GLOBAL, mode)
    return mode as RegistryMode
  }

  deleteMode(subject: string): RegistryMode {
    const before = this.mode(subject)
    this.q.deleteMode.run(subject)
    return before
  }

  // --- helpers ---

  private liveRows(subject: string, deleted = false): VersionRow[] {
    const rows = this.q.versionsOfSubject.all(subject).filter((r) => deleted || !r.deleted)
    if (rows.length === 0) throw subjectNotFound(subject)
    return rows
  }

  private findVersion(subject: string, version: string | number, deleted = false): VersionRow {
    const n = parseVersion(version)
    const rows = this.liveRows(subject, deleted)
    const row = n === -1 ? rows.at(-1) : rows.find((r) => r.version === n)
    if (!row) throw new RegistryError('VERSION_NOT_FOUND', `Version ${n} not found.`)
    return row
  }

  private referrers(subject: string, version: number): number[] {
    const ids = new Set<number>()
    for (const r of this.q.allVersions.all()) {
      const refs = this.schemaById(r.schema_id).references
      if (refs.some((ref) => ref.subject === subject && ref.version === version))
        ids.add(r.schema_id)
    }
    return [...ids].sort((a, b) => a - b)
  }

  private checkNotReferenced(subject: string, version: number): void {
    const by = this.referrers(subject, version)
    if (by.length)
      throw new RegistryError(
        'REFERENCE_EXISTS',
        `One or more references exist to the schema {subject=${subject},version=${version}}: schema ids ${by.join(', ')}`
      )
  }

  private async parse(s: Omit<StoredSchema, 'id'>): Promise<ParsedSchema> {
    if (!SCHEMA_TYPES.includes(s.schemaType))
      throw new RegistryError('INVALID_SCHEMA', `Invalid schema type ${String(s.schemaType)}`)
    const deps = this.dependencies(s.references, new Set())
    const format = await loadFormat(s.schemaType)
    try {
      return format.parse(s.schema, deps)
    } catch (err) {
      throw new RegistryError(
        'INVALID_SCHEMA',
        `Invalid schema ${s.schema.length > 200 ? `${s.schema.slice(0, 200)}...` : s.schema}: ${(err as Error).message}`
      )
    }
  }

  /** The referenced schemas, deepest first, each once. */
  private dependencies(refs: SchemaReference[], seen: Set<string>): Dependency[] {
    const out: Dependency[] = []
    for (const ref of refs) {
      if (seen.has(ref.name)) continue
      seen.add(ref.name)
      let target: SubjectVersion
      try {
        target = this.getVersion(ref.subject, ref.version)
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        throw new RegistryError(
          'INVALID_SCHEMA',
          `Invalid schema: reference '${ref.name}' names ${ref.subject} version ${ref.version}, which is not registered`
        )
      }
      out.push(...this.dependencies(target.references, seen), {
        name: ref.name,
        schema: target.schema
      })
    }
    return out
  }
}

function subjectNotFound(subject: string): RegistryError {
  return new RegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`)
}

function checkSubjectName(subject: string): void {
  if (
    subject.length === 0 ||
    subject.length > 255 ||
    [...subject].some((c) => c.charCodeAt(0) < 0x20)
  )
    throw new RegistryError('INVALID_SCHEMA', `Invalid subject name '${subject}'`)
}

/** 'latest' and -1 mean the latest version (-1 returned); otherwise 1 to 2^31-1. */
export function parseVersion(version: string | number): number {
  const text = String(version)
  if (text === 'latest' || text === '-1') return -1
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_VERSION)
    throw new RegistryError(
      'INVALID_VERSION',
      `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`
    )
  return n
}
