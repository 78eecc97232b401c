// Generates src/engine/kafka/protocol/generated/ (schemas and body types) from Kafka's JSON specs.
//
// Usage: npx tsx scripts/generate-protocol.ts [specDir]   (default: ../shared/kafka-spec)
// The output is committed: the project builds and tests without the spec folder.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import * as prettier from 'prettier'
import { parseVersions, type VersionRange } from '../src/engine/kafka/protocol/schema'

/** The APIs the broker serves and the version range served (clamped inside the spec's range). */
export const SERVED_APIS: readonly { name: string; min: number; max: number }[] = [
  { name: 'Produce', min: 3, max: 13 },
  { name: 'Fetch', min: 4, max: 17 },
  { name: 'ListOffsets', min: 0, max: 11 },
  { name: 'Metadata', min: 0, max: 13 },
  { name: 'OffsetCommit', min: 0, max: 10 },
  { name: 'OffsetFetch', min: 0, max: 10 },
  { name: 'FindCoordinator', min: 0, max: 6 },
  { name: 'JoinGroup', min: 0, max: 9 },
  { name: 'Heartbeat', min: 0, max: 4 },
  { name: 'LeaveGroup', min: 0, max: 5 },
  { name: 'SyncGroup', min: 0, max: 5 },
  { name: 'DescribeGroups', min: 0, max: 5 },
  { name: 'ListGroups', min: 0, max: 5 },
  { name: 'ApiVersions', min: 0, max: 4 },
  { name: 'CreateTopics', min: 0, max: 7 },
  { name: 'DeleteTopics', min: 0, max: 6 },
  { name: 'DeleteRecords', min: 0, max: 2 },
  { name: 'InitProducerId', min: 0, max: 5 },
  { name: 'OffsetForLeaderEpoch', min: 0, max: 4 },
  { name: 'DescribeConfigs', min: 0, max: 4 },
  { name: 'AlterConfigs', min: 0, max: 2 },
  { name: 'CreatePartitions', min: 0, max: 3 },
  { name: 'DeleteGroups', min: 0, max: 2 },
  { name: 'DescribeLogDirs', min: 0, max: 4 },
  { name: 'ElectLeaders', min: 0, max: 2 },
  { name: 'IncrementalAlterConfigs', min: 0, max: 1 },
  { name: 'DescribeCluster', min: 0, max: 2 },
  { name: 'AddPartitionsToTxn', min: 0, max: 5 },
  { name: 'AddOffsetsToTxn', min: 0, max: 4 },
  { name: 'EndTxn', min: 0, max: 5 },
  { name: 'TxnOffsetCommit', min: 0, max: 5 },
  { name: 'DescribeProducers', min: 0, max: 0 },
  { name: 'DescribeTransactions', min: 0, max: 0 },
  { name: 'ListTransactions', min: 0, max: 1 },
  { name: 'SaslHandshake', min: 0, max: 1 },
  { name: 'SaslAuthenticate', min: 0, max: 2 },
  { name: 'DescribeUserScramCredentials', min: 0, max: 0 },
  { name: 'AlterUserScramCredentials', min: 0, max: 0 },
  { name: 'DescribeAcls', min: 0, max: 3 },
  { name: 'CreateAcls', min: 0, max: 3 },
  { name: 'DeleteAcls', min: 0, max: 3 },
  { name: 'ConsumerGroupHeartbeat', min: 0, max: 1 },
  { name: 'ConsumerGroupDescribe', min: 0, max: 1 },
  { name: 'ShareGroupHeartbeat', min: 1, max: 1 },
  { name: 'ShareGroupDescribe', min: 1, max: 1 },
  { name: 'AlterPartitionReassignments', min: 0, max: 1 },
  { name: 'ListPartitionReassignments', min: 0, max: 0 },
  { name: 'DescribeClientQuotas', min: 0, max: 1 },
  { name: 'AlterClientQuotas', min: 0, max: 1 },
  { name: 'OffsetDelete', min: 0, max: 0 },
  { name: 'DescribeTopicPartitions', min: 0, max: 0 },
  { name: 'GetTelemetrySubscriptions', min: 0, max: 0 },
  { name: 'PushTelemetry', min: 0, max: 0 },
  { name: 'ListConfigResources', min: 0, max: 1 },
  { name: 'DescribeQuorum', min: 0, max: 2 },
  { name: 'CreateDelegationToken', min: 0, max: 3 },
  { name: 'RenewDelegationToken', min: 0, max: 2 },
  { name: 'ExpireDelegationToken', min: 0, max: 2 },
  { name: 'DescribeDelegationToken', min: 0, max: 3 },
  { name: 'UpdateFeatures', min: 0, max: 1 },
  { name: 'AlterReplicaLogDirs', min: 0, max: 2 },
  { name: 'ShareFetch', min: 1, max: 2 },
  { name: 'ShareAcknowledge', min: 1, max: 2 },
  { name: 'DescribeShareGroupOffsets', min: 0, max: 1 },
  { name: 'AlterShareGroupOffsets', min: 0, max: 0 },
  { name: 'DeleteShareGroupOffsets', min: 0, max: 0 }
]

const PRIMITIVES = new Set(
  'int8 int16 int32 int64 uint16 uint32 float64 bool string bytes records uuid'.split(' ')
)

interface SpecField {
  name: string
  type: string
  versions: string
  nullableVersions?: string
  taggedVersions?: string
  tag?: number | string
  default?: string | number | boolean
  flexibleVersions?: string
  about?: string
  fields?: SpecField[]
}

interface SpecMessage {
  /** A request's API key; a coordinator key's record type (the int16 written before it). */
  apiKey: number
  type: string
  name: string
  validVersions: string
  flexibleVersions: string
  fields: SpecField[]
  commonStructs?: { name: string; versions: string; fields: SpecField[] }[]
}

/** Drops // comments outside of strings; Kafka's files are JSON plus line comments. */
export function stripComments(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      out += c
      if (c === '\\') out += text[++i]
      else if (c === '"') inString = false
    } else if (c === '"') {
      inString = true
      out += c
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      out += '\n'
    } else out += c
  }
  return out
}

type Range = VersionRange
const parseRange = parseVersions
const intersect = (a: Range, b: Range): Range => ({
  min: Math.max(a.min, b.min),
  max: Math.min(a.max, b.max)
})
const isEmpty = (r: Range): boolean => r.min > r.max
const camel = (s: string): string => s[0].toLowerCase() + s.slice(1)
const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()

/**
 * The records of Kafka's coordinators (keys and values): the group coordinator's, which
 * __consumer_offsets holds, and the transaction coordinator's, which __transaction_state holds, as
 * Kafka's group-coordinator and transaction-coordinator modules define them; generated whole (every
 * valid version) into generated/coordinator-records.ts.
 */
export const COORDINATOR_RECORDS: readonly string[] = [
  'OffsetCommitKey',
  'OffsetCommitValue',
  'GroupMetadataKey',
  'GroupMetadataValue',
  'ConsumerGroupMetadataKey',
  'ConsumerGroupMetadataValue',
  'ConsumerGroupPartitionMetadataKey',
  'ConsumerGroupPartitionMetadataValue',
  'ConsumerGroupMemberMetadataKey',
  'ConsumerGroupMemberMetadataValue',
  'ConsumerGroupTargetAssignmentMetadataKey',
  'ConsumerGroupTargetAssignmentMetadataValue',
  'ConsumerGroupTargetAssignmentMemberKey',
  'ConsumerGroupTargetAssignmentMemberValue',
  'ConsumerGroupCurrentMemberAssignmentKey',
  'ConsumerGroupCurrentMemberAssignmentValue',
  'ConsumerGroupRegularExpressionKey',
  'ConsumerGroupRegularExpressionValue',
  'ShareGroupMemberMetadataKey',
  'ShareGroupMemberMetadataValue',
  'ShareGroupMetadataKey',
  'ShareGroupMetadataValue',
  'ShareGroupTargetAssignmentMetadataKey',
  'ShareGroupTargetAssignmentMetadataValue',
  'ShareGroupTargetAssignmentMemberKey',
  'ShareGroupTargetAssignmentMemberValue',
  'ShareGroupCurrentMemberAssignmentKey',
  'ShareGroupCurrentMemberAssignmentValue',
  'TransactionLogKey',
  'TransactionLogValue'
]

/**
 * Messages whose served versions are newer than ../shared/kafka-spec (ConsumerGroupHeartbeat v1
 * with its regular expression, ConsumerGroupDescribe v1 as Kafka 4.0 released them,
 * AlterPartitionReassignments v1 with Kafka 4.1's allow_replication_factor_change, the share
 * group APIs at version 1 as Kafka 4.1 made them stable, EndTxn 5 and TxnOffsetCommit 5 of
 * transaction version 2 as Kafka 4.0 serves them, ListOffsets 1-11 as Kafka 4.2 serves it, with
 * version 0 kept, Metadata 13, DescribeCluster 2, and Produce 13, OffsetCommit 10 and OffsetFetch
 * 10 with topic ids, as Kafka 4.3 defines them, with OffsetCommit 0-1 and OffsetFetch 0 kept)
 * are read from this folder instead, and so
 * are the coordinators' records, which the spec folder does not hold.
 */
const NEWER_SPEC_DIR = path.join(__dirname, 'kafka-spec-newer')

function readSpec(dir: string, file: string): SpecMessage {
  const newer = path.join(NEWER_SPEC_DIR, file)
  const source = existsSync(newer) ? newer : path.join(dir, file)
  return JSON.parse(stripComments(readFileSync(source, 'utf8'))) as SpecMessage
}

/** Struct definitions of a message by name: commonStructs and every inline definition. */
function structRegistry(msg: SpecMessage): Map<string, SpecField[]> {
  const reg = new Map<string, SpecField[]>()
  for (const s of msg.commonStructs ?? []) reg.set(s.name, s.fields)
  const walk = (fields: SpecField[]): void => {
    for (const f of fields) {
      if (f.fields === undefined) continue
      const name = f.type.replace(/^\[\]/, '')
      if (reg.has(name) && reg.get(name) !== f.fields) throw new Error(`struct ${name} twice`)
      reg.set(name, f.fields)
      walk(f.fields)
    }
  }
  walk(msg.fields)
  for (const s of msg.commonStructs ?? []) walk(s.fields)
  return reg
}

function checkDefault(f: SpecField, elem: string, nullable: boolean, where: string): void {
  if (f.default === undefined) return
  const d = String(f.default)
  const bad = (): never => {
    throw new Error(`${where}: bad default ${d} for ${f.type}`)
  }
  if (f.type.startsWith('[]') || !PRIMITIVES.has(elem)) {
    if (d !== 'null' || !nullable) bad()
  } else if (elem === 'bool') {
    if (d !== 'true' && d !== 'false') bad()
  } else if (elem === 'int64') {
    try {
      BigInt(d)
    } catch {
      bad()
    }
  } else if (['int8', 'int16', 'int32', 'uint16', 'uint32', 'float64'].includes(elem)) {
    if (Number.isNaN(Number(d))) bad()
  } else if (d === 'null' && !nullable) bad()
}

/** A field prepared for output: the schema data and what the TypeScript interface needs. */
interface OutField {
  data: Record<string, unknown>
  tsName: string
  tsType: string
  about: string
}

interface Struct {
  readonly tsName: string
  fields: OutField[]
}

class MessageBuilder {
  readonly structs = new Map<string, Struct>()
  private readonly registry: Map<string, SpecField[]>

  constructor(
    private readonly msg: SpecMessage,
    private readonly served: Range
  ) {
    this.registry = structRegistry(msg)
  }

  structName(spec: string): string {
    return spec.startsWith(this.msg.name) ? spec : this.msg.name + spec
  }

  /**
   * Keeps the fields that exist in a served version. Nested fields are not clamped to their
   * parent's versions, so that a struct shared by several fields (commonStructs) has one shape.
   */
  build(fields: SpecField[], where: string): OutField[] {
    const out: OutField[] = []
    for (const given of fields) {
      // As Kafka's generator reads it: a field given only taggedVersions exists in those versions.
      const f = { ...given, versions: given.versions ?? (given.taggedVersions as string) }
      const versions = intersect(parseRange(f.versions), this.served)
      if (isEmpty(versions)) continue
      out.push(this.field(f, versions, `${where}.${f.name}`))
    }
    return out
  }

  private field(f: SpecField, versions: Range, where: string): OutField {
    const isArray = f.type.startsWith('[]')
    const elem = isArray ? f.type.slice(2) : f.type
    const nullable =
      f.nullableVersions !== undefined &&
      !isEmpty(intersect(parseRange(f.nullableVersions), versions))
    checkDefault(f, elem, f.nullableVersions !== undefined, where)
    // A few spec files write the tag as a string ("tag": "0").
    const tag = f.tag === undefined ? undefined : Number(f.tag)
    if (tag !== undefined && (!Number.isInteger(tag) || tag < 0)) throw new Error(`${where}: tag`)
    if ((tag === undefined) !== (f.taggedVersions === undefined)) throw new Error(`${where}: tag`)
    const data: Record<string, unknown> = {
      name: camel(f.name),
      type: f.type,
      versions: f.versions
    }
    if (f.nullableVersions !== undefined) data.nullableVersions = f.nullableVersions
    if (f.taggedVersions !== undefined) {
      data.taggedVersions = f.taggedVersions
      data.tag = tag
    }
    if (f.default !== undefined) data.default = String(f.default)
    if (f.flexibleVersions !== undefined) data.flexibleVersions = f.flexibleVersions
    let tsType: string
    if (PRIMITIVES.has(elem)) {
      tsType = tsPrimitive(elem)
    } else {
      const sub = f.fields ?? this.registry.get(elem)
      if (sub === undefined) throw new Error(`${where}: unknown struct ${elem}`)
      tsType = this.structName(elem)
      const known = this.structs.get(tsType)
      // Reserve the name first so that a parent struct is listed before its children.
      const struct: Struct = known ?? { tsName: tsType, fields: [] }
      this.structs.set(tsType, struct)
      const fields = this.build(sub, where)
      const shape = (xs: OutField[]): string => xs.map((x) => `${x.tsName}:${x.tsType}`).join()
      if (known !== undefined && shape(known.fields) !== shape(fields)) {
        throw new Error(`${where}: struct ${tsType} has two shapes`)
      }
      struct.fields = fields
      data.fields = fields.map((x) => x.data)
    }
    if (isArray) tsType = `${tsType}[]`
    if (elem === 'records' || nullable) tsType = `${tsType} | null`
    return { data, tsName: camel(f.name), tsType, about: describe(f) }
  }
}

function tsPrimitive(t: string): string {
  switch (t) {
    case 'int64':
      return 'bigint'
    case 'bool':
      return 'boolean'
    case 'string':
    case 'uuid':
      return 'string'
    case 'bytes':
    case 'records':
      return 'Buffer'
    default:
      return 'number'
  }
}

function describe(f: SpecField): string {
  const notes = [`versions ${f.versions}`]
  if (f.nullableVersions !== undefined) notes.push(`nullable ${f.nullableVersions}`)
  if (f.taggedVersions !== undefined) notes.push(`tag ${f.tag} in ${f.taggedVersions}`)
  if (f.default !== undefined) notes.push(`default ${String(f.default)}`)
  const about = (f.about ?? '').trim().replace(/\*\//g, '* /')
  return `${about}${about.endsWith('.') || about === '' ? '' : '.'} (${notes.join('; ')})`.trim()
}

function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
    return `{ ${entries.map(([k, x]) => `${k}: ${literal(x)}`).join(', ')} }`
  }
  return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v)
}

/** A JSDoc comment wrapped to fit 100 columns at the given indent. */
function jsdoc(text: string, indent: string): string {
  const width = 100 - indent.length - 3
  if (text.length <= width - 4) return `${indent}/** ${text} */`
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join('\n')
}

function interfaceSource(name: string, fields: OutField[], doc: string): string {
  // A body without fields is an empty object.
  if (fields.length === 0) return `${jsdoc(doc, '')}\nexport type ${name} = Record<string, never>\n`
  const body = fields.map((f) => `${jsdoc(f.about, '  ')}\n  ${f.tsName}: ${f.tsType}`).join('\n')
  return `${jsdoc(doc, '')}\nexport interface ${name} {\n${body}\n}\n`
}

function messageSource(msg: SpecMessage, served: Range): { data: string; types: string } {
  const b = new MessageBuilder(msg, served)
  const fields = b.build(msg.fields, msg.name)
  const data = literal({
    name: msg.name,
    validVersions: msg.validVersions,
    flexibleVersions: msg.flexibleVersions,
    fields: fields.map((f) => f.data)
  })
  const range = `${served.min}-${served.max}`
  let types = interfaceSource(msg.name, fields, `${msg.name} body, versions ${range}.`)
  for (const s of b.structs.values()) {
    types += '\n' + interfaceSource(s.tsName, s.fields, `A struct of ${msg.name}.`)
  }
  return { data, types }
}

interface GeneratedApi {
  name: string
  apiKey: number
  module: string
}

function apiSource(
  dir: string,
  api: { name: string; min: number; max: number }
): {
  info: GeneratedApi
  source: string
} {
  const req = readSpec(dir, `${api.name}Request.json`)
  const res = readSpec(dir, `${api.name}Response.json`)
  if (req.apiKey !== res.apiKey) throw new Error(`${api.name}: request and response keys differ`)
  if (req.validVersions !== res.validVersions || req.flexibleVersions !== res.flexibleVersions) {
    throw new Error(`${api.name}: request and response version ranges differ`)
  }
  const valid = parseRange(req.validVersions)
  if (api.min < valid.min || api.max > valid.max) {
    throw new Error(`${api.name}: served ${api.min}-${api.max} outside spec ${req.validVersions}`)
  }
  const flexible = parseRange(req.flexibleVersions)
  const flexibleFrom = isEmpty(flexible) ? null : Math.max(flexible.min, api.min)
  const served = { min: api.min, max: api.max }
  const request = messageSource(req, served)
  const response = messageSource(res, served)
  const constName = `${camel(api.name)}Api`
  const source = [
    `// ${api.name} (key ${req.apiKey}): schema and body types generated from Kafka's JSON; do not edit.`,
    `import type { ApiSchema } from '../schema'`,
    '',
    `/** ${api.name}: serves versions ${api.min}-${api.max} of the spec's ${req.validVersions}. */`,
    `export const ${constName}: ApiSchema = {`,
    `  apiKey: ${req.apiKey}, name: '${api.name}', minVersion: ${api.min}, maxVersion: ${api.max},`,
    `  flexibleFrom: ${flexibleFrom},`,
    `  request: ${request.data},`,
    `  response: ${response.data}`,
    '}',
    '',
    request.types,
    response.types
  ].join('\n')
  return { info: { name: api.name, apiKey: req.apiKey, module: kebab(api.name) }, source }
}

/** The coordinators' records: one schema per record, every version the spec defines. */
function coordinatorRecordsSource(dir: string): string {
  const parts = [
    "// Kafka's coordinator records (keys and values of __consumer_offsets and __transaction_state):",
    '// schemas and types',
    "// generated from Kafka's JSON; do not edit.",
    `import type { MessageSchema } from '../schema'`,
    ''
  ]
  for (const name of COORDINATOR_RECORDS) {
    const msg = readSpec(dir, `${name}.json`)
    const { data, types } = messageSource(msg, parseRange(msg.validVersions))
    const isKey = msg.type === 'coordinator-key'
    const doc = isKey
      ? `${name}: written after the int16 record type ${msg.apiKey}, versions ${msg.validVersions}.`
      : `${name}: written after its int16 version, versions ${msg.validVersions}.`
    parts.push(`/** ${doc} */`, `export const ${camel(name)}Schema: MessageSchema = ${data}`, '')
    if (isKey) {
      parts.push(
        `/** The record type of ${name}. */`,
        `export const ${name.replace(/Key$/, '')}RecordType = ${msg.apiKey}`,
        ''
      )
    }
    parts.push(types)
  }
  return parts.join('\n')
}

function indexSource(apis: GeneratedApi[]): string {
  const byKey = [...apis].sort((a, b) => a.apiKey - b.apiKey)
  const lines = [
    '// Registry of the served APIs: keys, schemas and body types per key; generated, do not edit.',
    `import type { ApiSchema } from '../schema'`,
    ...byKey.map(
      (a) =>
        `import { ${camel(a.name)}Api, type ${a.name}Request, type ${a.name}Response } ` +
        `from './${a.module}'`
    ),
    '',
    ...byKey.map((a) => `export * from './${a.module}'`),
    '',
    '/** API keys by Kafka name. */',
    'export const ApiKey = {',
    ...byKey.map((a) => `  ${a.name}: ${a.apiKey},`),
    '} as const',
    'export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey]',
    '',
    '/** Every served API, by ascending key. */',
    `export const API_SCHEMAS: readonly ApiSchema[] = [${byKey.map((a) => `${camel(a.name)}Api`).join(', ')}]`,
    '',
    '/** Request body type by API key. */',
    'export interface RequestBodies {',
    ...byKey.map((a) => `  ${a.apiKey}: ${a.name}Request`),
    '}',
    '',
    '/** Response body type by API key. */',
    'export interface ResponseBodies {',
    ...byKey.map((a) => `  ${a.apiKey}: ${a.name}Response`),
    '}',
    ''
  ]
  return lines.join('\n')
}

/** Generates every output file: file name -> formatted TypeScript source. */
export async function generateProtocol(
  specDir: string,
  repoRoot: string
): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const infos: GeneratedApi[] = []
  for (const api of SERVED_APIS) {
    const { info, source } = apiSource(specDir, api)
    infos.push(info)
    files.set(`${info.module}.ts`, source)
  }
  files.set('index.ts', indexSource(infos))
  files.set('coordinator-records.ts', coordinatorRecordsSource(specDir))
  const config = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {}
  for (const [name, source] of files) {
    files.set(name, await prettier.format(source, { ...config, parser: 'typescript' }))
  }
  return files
}

export const GENERATED_DIR = 'src/engine/kafka/protocol/generated'

async function main(): Promise<void> {
  const repoRoot = path.resolve(path.dirname(process.argv[1]), '..')
  const specDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/kafka-spec'))
  const outDir = path.join(repoRoot, GENERATED_DIR)
  const files = await generateProtocol(specDir, repoRoot)
  mkdirSync(outDir, { recursive: true })
  for (const old of readdirSync(outDir)) if (!files.has(old)) unlinkSync(path.join(outDir, old))
  for (const [name, source] of files) writeFileSync(path.join(outDir, name), source)
  console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), outDir) || '.'}`)
}

if (process.argv[1] !== undefined && /generate-protocol\.ts$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
