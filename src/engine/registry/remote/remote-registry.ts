// A schema registry elsewhere (Confluent's, Redpanda's, another Logdeck's), reached over its
// REST API with optional basic auth: what decoding, produce with a schema and the console's
// schema views need of it. Its error codes come back as the RegistryErrors they name.
import { EngineError } from '../../engine-error'
import { loadFormat } from '../formats'
import type { Dependency, ParsedSchema, SchemaType } from '../formats/format'
import { REGISTRY_ERRORS, RegistryError, type RegistryErrorName } from '../registry-error'
import type { SchemaInput, SchemaReference, StoredSchema, SubjectVersion } from '../registry'
import type { CompatibilityLevel } from '../compatibility'
import type { TypedSchemaSource } from '../catalog'

export interface RemoteRegistryTarget {
  /** The registry's base URL, http or https. */
  url: string
  username?: string
  password?: string
}

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json'
/** A registry that does not answer within this long is reported unreachable. */
const TIMEOUT_MS = 15_000

const REASON_BY_CODE = new Map<number, RegistryErrorName>(
  Object.entries(REGISTRY_ERRORS).map(([name, e]) => [e.code, name as RegistryErrorName])
)

interface VersionBody {
  subject: string
  version: number
  id: number
  schemaType?: SchemaType
  schema: string
  references?: SchemaReference[]
}

/** What a connection test found of a registry: what it serves, or why it cannot be used. */
type RegistryProbe =
  { reachable: true; subjects: number; types: string[] } | { reachable: false; error: string }

export class RemoteRegistry implements TypedSchemaSource {
  private readonly base: string
  private readonly authorization: string | null
  /** Schemas by id never change: each is fetched once. */
  private readonly byId = new Map<number, Promise<StoredSchema>>()
  private readonly parsed = new Map<number, Promise<ParsedSchema>>()

  constructor(
    target: RemoteRegistryTarget,
    private readonly timeoutMs = TIMEOUT_MS
  ) {
    this.base = target.url.replace(/\/+$/, '')
    this.authorization =
      target.username !== undefined
        ? `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`
        : null
  }

  // --- subjects and versions ---

  subjects(opts: { deleted?: boolean } = {}): Promise<string[]> {
    return this.call('GET', `/subjects${opts.deleted ? '?deleted=true' : ''}`)
  }

  versions(subject: string, opts: { deleted?: boolean } = {}): Promise<number[]> {
    return this.call('GET', `/subjects/${seg(subject)}/versions${deletedQuery(opts)}`)
  }

  async getVersion(
    subject: string,
    version: string | number,
    opts: { deleted?: boolean } = {}
  ): Promise<SubjectVersion> {
    const body = await this.call<VersionBody>(
      'GET',
      `/subjects/${seg(subject)}/versions/${seg(String(version))}${deletedQuery(opts)}`
    )
    return versionOf(body)
  }

  schemaById(id: number): Promise<StoredSchema> {
    let p = this.byId.get(id)
    if (!p) {
      p = this.call<Omit<VersionBody, 'subject' | 'version' | 'id'>>(
        'GET',
        `/schemas/ids/${id}`
      ).then((b) => ({
        id,
        schemaType: b.schemaType ?? 'AVRO',
        schema: b.schema,
        references: b.references ?? []
      }))
      p.catch(() => this.byId.delete(id))
      this.byId.set(id, p)
    }
    return p
  }

  idVersions(id: number): Promise<{ subject: string; version: number }[]> {
    return this.call('GET', `/schemas/ids/${id}/versions?deleted=true`)
  }

  // --- what decoding and encoding need (TypedSchemaSource) ---

  async describeSchema(id: number) {
    const [stored, versions] = await Promise.all([this.schemaById(id), this.idVersions(id)])
    return { type: stored.schemaType, versions }
  }

  async subjectVersion(subject: string, version: string | number) {
    const v = await this.getVersion(subject, version)
    return { id: v.id, version: v.version }
  }

  parsedById(id: number): Promise<ParsedSchema> {
    let p = this.parsed.get(id)
    if (!p) {
      p = this.schemaById(id).then((s) => this.parse(s))
      p.catch(() => this.parsed.delete(id))
      this.parsed.set(id, p)
    }
    return p
  }

  /** A schema parsed here, its references fetched from the registry. */
  async parse(s: Omit<StoredSchema, 'id'> | SchemaInput): Promise<ParsedSchema> {
    const type = s.schemaType ?? 'AVRO'
    const deps = await this.dependencies(s.references ?? [], new Set())
    const format = await loadFormat(type)
    try {
      return format.parse(s.schema, deps)
    } catch (err) {
      throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${(err as Error).message}`)
    }
  }

  private async dependencies(refs: SchemaReference[], seen: Set<string>): Promise<Dependency[]> {
    const out: Dependency[] = []
    for (const ref of refs) {
      if (seen.has(ref.name)) continue
      seen.add(ref.name)
      const target = await this.getVersion(ref.subject, ref.version)
      out.push(...(await this.dependencies(target.references, seen)), {
        name: ref.name,
        schema: target.schema
      })
    }
    return out
  }

  // --- registering and checking ---

  /** The subject's version holding this schema, or null. */
  async lookup(subject: string, input: SchemaInput): Promise<SubjectVersion | null> {
    try {
      return versionOf(
        await this.call<VersionBody>('POST', `/subjects/${seg(subject)}`, schemaBody(input))
      )
    } catch (err) {
      if (
        err instanceof RegistryError &&
        (err.reason === 'SUBJECT_NOT_FOUND' || err.reason === 'SCHEMA_NOT_FOUND')
      )
        return null
      throw err
    }
  }

  async register(subject: string, input: SchemaInput): Promise<SubjectVersion> {
    const { id } = await this.call<{ id: number }>(
      'POST',
      `/subjects/${seg(subject)}/versions`,
      schemaBody(input)
    )
    const v = await this.lookup(subject, input)
    return v ?? { ...(await this.schemaById(id)), subject, version: -1 }
  }

  // --- compatibility levels ---

  async compatibility(subject?: string): Promise<CompatibilityLevel> {
    const path = subject === undefined ? '/config' : `/config/${seg(subject)}?defaultToGlobal=true`
    return (await this.call<{ compatibilityLevel: CompatibilityLevel }>('GET', path))
      .compatibilityLevel
  }

  async subjectCompatibility(subject: string): Promise<CompatibilityLevel | null> {
    try {
      const own = await this.call<{ compatibilityLevel: CompatibilityLevel }>(
        'GET',
        `/config/${seg(subject)}`
      )
      return own.compatibilityLevel
    } catch (err) {
      if (
        err instanceof RegistryError &&
        (err.reason === 'SUBJECT_COMPATIBILITY_NOT_CONFIGURED' ||
          err.reason === 'SUBJECT_NOT_FOUND')
      )
        return null
      throw err
    }
  }

  async setCompatibility(subject: string | undefined, level: CompatibilityLevel): Promise<void> {
    await this.call('PUT', subject === undefined ? '/config' : `/config/${seg(subject)}`, {
      compatibility: level
    })
  }

  async deleteCompatibility(subject: string): Promise<void> {
    await this.call('DELETE', `/config/${seg(subject)}`)
  }

  // --- deleting ---

  deleteVersion(subject: string, version: number, permanent: boolean): Promise<number> {
    return this.call(
      'DELETE',
      `/subjects/${seg(subject)}/versions/${version}${permanent ? '?permanent=true' : ''}`
    )
  }

  deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    return this.call('DELETE', `/subjects/${seg(subject)}${permanent ? '?permanent=true' : ''}`)
  }

  // --- a connection test ---

  /**
   * Whether the registry can be used as a Confluent schema registry with these credentials:
   * `GET /subjects` must answer a list (it needs the credentials where the registry asks for
   * them), `GET /schemas/types` names the schema types (older registries have no such route).
   */
  async probe(): Promise<RegistryProbe> {
    try {
      const subjects = await this.request('GET', '/subjects')
      if (subjects.status === 401 || subjects.status === 403) this.refused(subjects)
      if (!subjects.ok || !Array.isArray(subjects.parsed))
        return {
          reachable: false,
          error: `${this.base} is not a Confluent-compatible schema registry: GET /subjects answered HTTP ${subjects.status}${subjects.ok ? ' without a list of subjects' : ''}`
        }
      const types = await this.request('GET', '/schemas/types')
      return {
        reachable: true,
        subjects: subjects.parsed.length,
        types:
          types.ok && Array.isArray(types.parsed)
            ? types.parsed.filter((t): t is string => typeof t === 'string')
            : ['AVRO']
      }
    } catch (err) {
      // Unreachable, or the credentials refused: the message names the address and the status.
      if (err instanceof EngineError) return { reachable: false, error: err.message }
      throw err
    }
  }

  private async request(
    method: string,
    path: string,
    body?: unknown
  ): Promise<{ ok: boolean; status: number; parsed: unknown }> {
    let res: Response
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: MEDIA_TYPE,
          ...(body !== undefined ? { 'content-type': MEDIA_TYPE } : {}),
          ...(this.authorization ? { authorization: this.authorization } : {})
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      const why =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${Math.ceil(this.timeoutMs / 1000)} s`
          : (cause?.code ?? cause?.message ?? (err as Error).message)
      throw new EngineError(
        'unavailable',
        `The schema registry at ${this.base} does not answer: ${why}`
      )
    }
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text === '' ? null : JSON.parse(text)
    } catch {
      parsed = null
    }
    return { ok: res.ok, status: res.status, parsed }
  }

  /** Throws the error a registry's refusal stands for. */
  private refused(answer: { status: number; parsed: unknown }): never {
    const e = answer.parsed as { error_code?: number; message?: string } | null
    const reason = e?.error_code !== undefined ? REASON_BY_CODE.get(e.error_code) : undefined
    const message = e?.message ?? `HTTP ${answer.status}`
    if (reason) throw new RegistryError(reason, message)
    if (answer.status === 401 || answer.status === 403)
      // Not UNAUTHORIZED: that would read as the console's own token being wrong.
      throw new EngineError(
        'unavailable',
        `The schema registry at ${this.base} refused the credentials (HTTP ${answer.status}): check the user and password`
      )
    throw new EngineError(
      'unavailable',
      `The schema registry at ${this.base} answered HTTP ${answer.status}: ${message}`
    )
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.request(method, path, body)
    if (answer.ok) return answer.parsed as T
    this.refused(answer)
  }
}

function seg(s: string): string {
  return encodeURIComponent(s)
}

function deletedQuery(opts: { deleted?: boolean }): string {
  return opts.deleted ? '?deleted=true' : ''
}

function versionOf(b: VersionBody): SubjectVersion {
  return {
    subject: b.subject,
    version: b.version,
    id: b.id,
    schemaType: b.schemaType ?? 'AVRO',
    schema: b.schema,
    references: b.references ?? []
  }
}

function schemaBody(input: SchemaInput): Record<string, unknown> {
  return {
    schema: input.schema,
    ...(input.schemaType && input.schemaType !== 'AVRO' ? { schemaType: input.schemaType } : {}),
    ...(input.references?.length ? { references: input.references } : {})
  }
}
