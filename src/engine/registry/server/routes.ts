// The Confluent Schema Registry REST API over the engine's registry: each route is a method, a
// path pattern and a handler returning the JSON body (or raw text for `/schema`).
import type { SchemaRegistry, SchemaInput, StoredSchema, SubjectVersion } from '../registry'
import { RegistryError } from '../registry-error'
import { SCHEMA_TYPES } from '../formats/format'
import type { ProtobufSchema } from '../formats/protobuf'

export interface RegistryRequest {
  params: string[]
  query: URLSearchParams
  body: unknown
}

/** A handler's answer: a JSON value, or `{ text }` for a raw schema. */
export type RegistryAnswer = unknown

interface Route {
  method: string
  pattern: RegExp
  handle(r: SchemaRegistry, req: RegistryRequest): RegistryAnswer | Promise<RegistryAnswer>
}

const SEG = '([^/]+)'

function flag(q: URLSearchParams, name: string): boolean {
  return q.get(name) === 'true'
}

function id(text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n > 2 ** 31 - 1)
    throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${text} not found`)
  return n
}

/** The schema fields of a request body, checked. */
function schemaInput(body: unknown): SchemaInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new RegistryError(
      'INVALID_SCHEMA',
      'The request body must be a JSON object with a schema field'
    )
  const b = body as Record<string, unknown>
  if (typeof b.schema !== 'string' || b.schema.trim() === '')
    throw new RegistryError('INVALID_SCHEMA', 'Empty schema: the body needs a schema string')
  const type = b.schemaType ?? 'AVRO'
  if (typeof type !== 'string' || !(SCHEMA_TYPES as readonly string[]).includes(type))
    throw new RegistryError(
      'INVALID_SCHEMA',
      `Invalid schemaType ${JSON.stringify(type)}: use AVRO, PROTOBUF or JSON`
    )
  const refs = b.references ?? []
  if (!Array.isArray(refs) || refs.some((x) => !validReference(x)))
    throw new RegistryError(
      'INVALID_SCHEMA',
      'references must be a list of {name, subject, version}'
    )
  return {
    schema: b.schema,
    schemaType: type as SchemaInput['schemaType'],
    references: (refs as { name: string; subject: string; version: number }[]).map((x) => ({
      name: x.name,
      subject: x.subject,
      version: x.version
    })),
    ...(typeof b.id === 'number' && b.id > 0 ? { id: b.id } : {}),
    ...(typeof b.version === 'number' && b.version > 0 ? { version: b.version } : {})
  }
}

function validReference(x: unknown): boolean {
  const r = x as Record<string, unknown> | null
  return (
    !!r &&
    typeof r.name === 'string' &&
    typeof r.subject === 'string' &&
    Number.isInteger(r.version)
  )
}

/** A schema as Confluent shows it: schemaType and references only when they say something. */
function schemaBody(s: StoredSchema): Record<string, unknown> {
  return {
    ...(s.schemaType !== 'AVRO' ? { schemaType: s.schemaType } : {}),
    ...(s.references.length ? { references: s.references } : {}),
    schema: s.schema
  }
}

function versionBody(v: SubjectVersion): Record<string, unknown> {
  return { subject: v.subject, version: v.version, id: v.id, ...schemaBody(v) }
}

/**
 * The schema in the format asked for: `serialized` gives a Protobuf schema as a base64
 * FileDescriptorProto, as Confluent's Protobuf serdes ask for it; other formats, and other types,
 * keep the schema's text (Confluent ignores a format it does not know, too).
 */
async function formatted<S extends StoredSchema>(
  r: SchemaRegistry,
  s: S,
  query: URLSearchParams
): Promise<S> {
  if (query.get('format') !== 'serialized' || s.schemaType !== 'PROTOBUF') return s
  const [{ serializedDescriptor }, parsed] = await Promise.all([
    import('../formats/protobuf-descriptor'),
    r.parsedById(s.id)
  ])
  return { ...s, schema: serializedDescriptor(parsed as ProtobufSchema) }
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
}

const subjectConfig = (r: SchemaRegistry, subject: string, toGlobal: boolean) => {
  const own = r.subjectCompatibility(subject)
  if (own === null && !toGlobal)
    throw new RegistryError(
      'SUBJECT_COMPATIBILITY_NOT_CONFIGURED',
      `Subject '${subject}' does not have subject-level compatibility configured`
    )
  return { compatibilityLevel: own ?? r.compatibility() }
}

async function compatibility(r: SchemaRegistry, req: RegistryRequest, version?: string) {
  const messages = await r.checkCompatibility(req.params[0], schemaInput(req.body), version)
  return {
    is_compatible: messages.length === 0,
    ...(flag(req.query, 'verbose') ? { messages } : {})
  }
}

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/$/, handle: () => ({}) },
  {
    method: 'GET',
    pattern: /^\/subjects$/,
    handle: (r, { query }) =>
      r.subjects({
        deleted: flag(query, 'deleted'),
        prefix: query.get('subjectPrefix') ?? undefined
      })
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/subjects/${SEG}/versions$`),
    handle: (r, { params, query }) => r.versions(params[0], { deleted: flag(query, 'deleted') })
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/subjects/${SEG}/versions$`),
    handle: async (r, { params, body }) => {
      const v = await r.register(params[0], schemaInput(body))
      return { id: v.id }
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/subjects/${SEG}/versions/${SEG}$`),
    handle: async (r, { params, query }) =>
      versionBody(
        await formatted(
          r,
          r.getVersion(params[0], params[1], { deleted: flag(query, 'deleted') }),
          query
        )
      )
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/subjects/${SEG}/versions/${SEG}/schema$`),
    handle: async (r, { params, query }) => ({
      text: (
        await formatted(
          r,
          r.getVersion(params[0], params[1], { deleted: flag(query, 'deleted') }),
          query
        )
      ).schema
    })
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/subjects/${SEG}/versions/${SEG}/referencedby$`),
    handle: (r, { params }) => r.referencedBy(params[0], params[1])
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/subjects/${SEG}/versions/${SEG}$`),
    handle: (r, { params, query }) =>
      r.deleteVersion(params[0], params[1], flag(query, 'permanent'))
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/subjects/${SEG}$`),
    handle: async (r, { params, query, body }) =>
      versionBody(await r.lookup(params[0], schemaInput(body), { deleted: flag(query, 'deleted') }))
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/subjects/${SEG}$`),
    handle: (r, { params, query }) => r.deleteSubject(params[0], flag(query, 'permanent'))
  },
  {
    method: 'GET',
    pattern: /^\/schemas\/ids\/([^/]+)$/,
    handle: async (r, { params, query }) =>
      schemaBody(await formatted(r, r.schemaById(id(params[0])), query))
  },
  {
    method: 'GET',
    pattern: /^\/schemas\/ids\/([^/]+)\/schema$/,
    handle: async (r, { params, query }) => ({
      text: (await formatted(r, r.schemaById(id(params[0])), query)).schema
    })
  },
  {
    method: 'GET',
    pattern: /^\/schemas\/ids\/([^/]+)\/versions$/,
    handle: (r, { params, query }) =>
      r.idVersions(id(params[0]), { deleted: flag(query, 'deleted') })
  },
  {
    method: 'GET',
    pattern: /^\/schemas\/ids\/([^/]+)\/subjects$/,
    handle: (r, { params, query }) =>
      r.idSubjects(id(params[0]), { deleted: flag(query, 'deleted') })
  },
  { method: 'GET', pattern: /^\/schemas\/types$/, handle: () => [...SCHEMA_TYPES] },
  {
    method: 'GET',
    pattern: /^\/config$/,
    handle: (r) => ({ compatibilityLevel: r.compatibility() })
  },
  {
    method: 'PUT',
    pattern: /^\/config$/,
    handle: (r, { body }) => ({
      compatibility: r.setCompatibility(undefined, field(body, 'compatibility'))
    })
  },
  {
    method: 'DELETE',
    pattern: /^\/config$/,
    handle: (r) => ({ compatibilityLevel: r.deleteCompatibility() })
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/config/${SEG}$`),
    handle: (r, { params, query }) => subjectConfig(r, params[0], flag(query, 'defaultToGlobal'))
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/config/${SEG}$`),
    handle: (r, { params, body }) => ({
      compatibility: r.setCompatibility(params[0], field(body, 'compatibility'))
    })
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/config/${SEG}$`),
    handle: (r, { params }) => ({ compatibilityLevel: r.deleteCompatibility(params[0]) })
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/compatibility/subjects/${SEG}/versions/${SEG}$`),
    handle: (r, req) => compatibility(r, req, req.params[1])
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/compatibility/subjects/${SEG}/versions$`),
    handle: (r, req) => compatibility(r, req)
  },
  { method: 'GET', pattern: /^\/mode$/, handle: (r) => ({ mode: r.mode() }) },
  {
    method: 'PUT',
    pattern: /^\/mode$/,
    handle: (r, { body }) => ({ mode: r.setMode(undefined, field(body, 'mode')) })
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/mode/${SEG}$`),
    handle: (r, { params, query }) => {
      const own = r.subjectMode(params[0])
      if (own === null && !flag(query, 'defaultToGlobal'))
        throw new RegistryError(
          'SUBJECT_MODE_NOT_CONFIGURED',
          `Subject '${params[0]}' does not have subject-level mode configured`
        )
      return { mode: own ?? r.mode() }
    }
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/mode/${SEG}$`),
    handle: (r, { params, body }) => ({ mode: r.setMode(params[0], field(body, 'mode')) })
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/mode/${SEG}$`),
    handle: (r, { params }) => ({ mode: r.deleteMode(params[0]) })
  }
]
