// Protobuf schemas through protobufjs: .proto text with imports from references (and Google's
// well-known types), message types in file order for the wire format's message indexes, and
// the wire-compatibility rules Confluent applies to field numbers.
import protobuf from 'protobufjs'
import type { Dependency, ParsedSchema, SchemaFormat } from './format'

export interface ProtobufSchema extends ParsedSchema {
  type: 'PROTOBUF'
  root: protobuf.Root
  /** The package of the schema's own file. */
  packageName: string
  /** The schema's own top-level messages, in file order (message index i). */
  messages: protobuf.Type[]
  /** The schema's own top-level enums, in file order. */
  enums: protobuf.Enum[]
  /** The schema's own services, in file order. */
  services: protobuf.Service[]
  /** The files the schema imports (its references and Google's well-known ones). */
  imports: string[]
}

const WELL_KNOWN = /^google\/protobuf\/[a-z_]+\.proto$/

/** Adds the well-known files `imports` names that are not in the root yet (`present`). */
function addWellKnown(
  root: protobuf.Root,
  imports: string[] | undefined,
  present: Set<string>
): void {
  for (const name of imports ?? []) {
    if (!WELL_KNOWN.test(name) || present.has(name)) continue
    present.add(name)
    const json = protobuf.common.get(name)
    if (json) root.addJSON(json.nested ?? {})
  }
}

export function parseProtobuf(schema: string, deps: Dependency[]): ProtobufSchema {
  const root = new protobuf.Root()
  // A well-known file can come as a reference too (confluent-kafka-python's serializer
  // registers it like any import): then the referenced text stands for it, and no file is added
  // twice when several import it.
  const present = new Set(deps.map((d) => d.name))
  for (const d of deps) {
    const parsed = protobuf.parse(d.schema, root, { keepCase: true })
    addWellKnown(root, parsed.imports, present)
  }
  // The schema's own definitions are parsed into a root of their own first, to know them apart
  // from the imported ones.
  const own = protobuf.parse(schema, new protobuf.Root(), { keepCase: true })
  const parsed = protobuf.parse(schema, root, { keepCase: true })
  addWellKnown(root, parsed.imports, present)
  root.resolveAll()
  const packageName = parsed.package ?? ''
  const pkg = packageName ? own.root.lookup(packageName) : own.root
  const ownNested = (pkg as protobuf.Namespace | null)?.nestedArray ?? []
  const prefix = packageName ? `.${packageName}` : ''
  const messages = ownNested
    .filter((n): n is protobuf.Type => n instanceof protobuf.Type)
    .map((t) => root.lookupType(`${prefix}.${t.name}`))
  const enums = ownNested
    .filter((n): n is protobuf.Enum => n instanceof protobuf.Enum)
    .map((e) => root.lookupEnum(`${prefix}.${e.name}`))
  const services = ownNested
    .filter((n): n is protobuf.Service => n instanceof protobuf.Service)
    .map((n) => root.lookup(`${prefix}.${n.name}`) as protobuf.Service)
  return {
    type: 'PROTOBUF',
    root,
    packageName,
    messages,
    enums,
    services,
    imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
    canonical: schema.trim()
  }
}

/** A message the schema defines, with the indexes that name it in the wire format. */
export interface ProtobufMessage {
  /** Full name without the leading dot: `shop.Order`, `shop.Order.Line`. */
  name: string
  /** Top-level index, then the index among each enclosing message's nested messages. */
  indexes: number[]
  type: protobuf.Type
}

/** Every message of the schema's own file, in file order, nested ones after their parent. */
export function protobufMessages(schema: ProtobufSchema): ProtobufMessage[] {
  const out: ProtobufMessage[] = []
  const walk = (type: protobuf.Type, indexes: number[]) => {
    out.push({ name: type.fullName.replace(/^\./, ''), indexes, type })
    type.nestedArray
      .filter((n): n is protobuf.Type => n instanceof protobuf.Type)
      .forEach((n, j) => walk(n, [...indexes, j]))
  }
  schema.messages.forEach((t, i) => walk(t, [i]))
  return out
}

/** Scalar types that share a wire encoding, so one may be read as another. */
const WIRE_GROUPS: string[][] = [
  ['int32', 'uint32', 'int64', 'uint64', 'bool'],
  ['sint32', 'sint64'],
  ['string', 'bytes'],
  ['fixed32', 'sfixed32'],
  ['fixed64', 'sfixed64']
]

function sameWire(a: string, b: string): boolean {
  return a === b || WIRE_GROUPS.some((g) => g.includes(a) && g.includes(b))
}

function allTypes(ns: protobuf.NamespaceBase, out: protobuf.Type[] = []): protobuf.Type[] {
  for (const n of ns.nestedArray) {
    if (n instanceof protobuf.Type) out.push(n)
    if (n instanceof protobuf.Namespace || n instanceof protobuf.Type) allTypes(n, out)
  }
  return out
}

function fieldKind(f: protobuf.Field): string {
  if (f instanceof protobuf.MapField) return 'map'
  return f.repeated ? 'repeated' : 'singular'
}

function compareTypes(reader: protobuf.Type, writer: protobuf.Type, out: string[]): void {
  const name = writer.fullName.replace(/^\./, '')
  for (const wf of writer.fieldsArray) {
    const rf = reader.fieldsById[wf.id]
    if (!rf) continue
    const where = `${name}: field ${wf.id} '${wf.name}'`
    if (fieldKind(rf) !== fieldKind(wf)) {
      out.push(`${where} changed from ${fieldKind(wf)} to ${fieldKind(rf)}`)
      continue
    }
    const rNamed = rf.resolvedType
    const wNamed = wf.resolvedType
    if (rNamed || wNamed) {
      if (rNamed?.fullName !== wNamed?.fullName)
        out.push(`${where} changed type from ${wf.type} to ${rf.type}`)
    } else if (!sameWire(rf.type, wf.type)) {
      out.push(`${where} changed type from ${wf.type} to ${rf.type}`)
    }
    if (Boolean(rf.partOf) !== Boolean(wf.partOf) && rf.partOf && rf.partOf.oneof.length > 1)
      out.push(`${where} moved into an existing oneof`)
  }
  for (const rf of reader.fieldsArray)
    if (rf.required && !writer.fieldsById[rf.id])
      out.push(`${name}: required field ${rf.id} '${rf.name}' added`)
}

export const protobufFormat: SchemaFormat<ProtobufSchema> = {
  parse: parseProtobuf,
  readProblems(reader, writer) {
    const out: string[] = []
    if (reader.packageName !== writer.packageName)
      out.push(`package changed from '${writer.packageName}' to '${reader.packageName}'`)
    const readerTypes = new Map(allTypes(reader.root).map((t) => [t.fullName, t]))
    for (const top of writer.messages)
      for (const wt of [top, ...allTypes(top)]) {
        const rt = readerTypes.get(wt.fullName)
        if (!rt) out.push(`message ${wt.fullName.replace(/^\./, '')} removed`)
        else compareTypes(rt, wt, out)
      }
    return out
  }
}
