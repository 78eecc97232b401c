// A Protobuf schema given as a base64 FileDescriptorProto (what Confluent's Protobuf serializers
// register and look up) written back as .proto text: the registry stores and compares text, so a
// descriptor is turned into the text it stands for. Type names stay fully qualified (a leading
// dot), so they mean the same wherever they are read.
import * as descriptor from 'protobufjs/ext/descriptor'

// protobufjs' runtime descriptor types have every field of descriptor.proto; its typings leave
// out the few written here.
type Field = descriptor.IFieldDescriptorProto & {
  options?: descriptor.IFieldOptions & { deprecated?: boolean }
}
interface Range {
  start?: number
  end?: number
}
type Enum = descriptor.IEnumDescriptorProto & { reservedRange?: Range[]; reservedName?: string[] }
type Message = Omit<descriptor.IDescriptorProto, 'field' | 'nestedType' | 'enumType'> & {
  field?: Field[]
  nestedType?: Message[]
  enumType?: Enum[]
}
type File = Omit<
  descriptor.IFileDescriptorProto,
  'messageType' | 'enumType' | 'dependency' | 'publicDependency' | 'weakDependency'
> & {
  dependency?: string[]
  publicDependency?: number[]
  weakDependency?: number[]
  messageType?: Message[]
  enumType?: Enum[]
}

/** The FileDescriptorProto of a base64 string; throws naming why it is not one. */
export function decodeDescriptor(base64: string): File {
  const bytes = Buffer.from(base64.trim(), 'base64')
  let file: ReturnType<typeof descriptor.FileDescriptorProto.decode>
  try {
    file = descriptor.FileDescriptorProto.decode(bytes)
  } catch (err) {
    throw new Error(`not a base64 FileDescriptorProto: ${(err as Error).message}`, { cause: err })
  }
  const problem = descriptor.FileDescriptorProto.verify(file)
  if (problem) throw new Error(`not a base64 FileDescriptorProto: ${problem}`)
  // A plain object holds only the fields the bytes set (a decoded message reads defaults, such
  // as oneof index 0, from its prototype).
  return descriptor.FileDescriptorProto.toObject(file) as File
}

const SCALARS: Record<number, string> = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  6: 'fixed64',
  7: 'fixed32',
  8: 'bool',
  9: 'string',
  12: 'bytes',
  13: 'uint32',
  15: 'sfixed32',
  16: 'sfixed64',
  17: 'sint32',
  18: 'sint64'
}
const LABEL_OPTIONAL = 1
const LABEL_REQUIRED = 2
const LABEL_REPEATED = 3
const TYPE_GROUP = 10
const TYPE_STRING = 9
const TYPE_BYTES = 12
const PACKABLE = new Set([1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 15, 16, 17, 18])

function typeOf(f: Field): string {
  if (f.typeName) return f.typeName.startsWith('.') ? f.typeName : `.${f.typeName}`
  const scalar = SCALARS[f.type ?? 0]
  if (!scalar) throw new Error(`field '${f.name}' has no type (type ${f.type})`)
  return scalar
}

function fieldOptions(f: Field, proto3: boolean): string {
  const out: string[] = []
  if (f.defaultValue != null && f.defaultValue !== '') {
    const quoted = f.type === TYPE_STRING || f.type === TYPE_BYTES
    out.push(`default = ${quoted ? JSON.stringify(f.defaultValue) : f.defaultValue}`)
  }
  const packed = f.options?.packed
  if (
    packed != null &&
    f.label === LABEL_REPEATED &&
    PACKABLE.has(f.type ?? 0) &&
    packed !== proto3
  )
    out.push(`packed = ${packed}`)
  if (f.options?.deprecated) out.push('deprecated = true')
  return out.length ? ` [${out.join(', ')}]` : ''
}

function messageName(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf('.') + 1)
}

function writeEnum(e: Enum, indent: string, out: string[]): void {
  out.push(`${indent}enum ${e.name} {`)
  if (e.options?.allowAlias) out.push(`${indent}  option allow_alias = true;`)
  for (const v of e.value ?? []) out.push(`${indent}  ${v.name} = ${v.number ?? 0};`)
  for (const r of e.reservedRange ?? [])
    out.push(`${indent}  reserved ${r.start === r.end ? r.start : `${r.start} to ${r.end}`};`)
  if (e.reservedName?.length)
    out.push(`${indent}  reserved ${e.reservedName.map((n) => JSON.stringify(n)).join(', ')};`)
  out.push(`${indent}}`)
}

function writeMessage(m: Message, indent: string, proto3: boolean, out: string[]): void {
  if (m.field?.some((f) => f.type === TYPE_GROUP))
    throw new Error(`message '${m.name}' has a group field, which is not supported`)
  const entries = new Map(
    (m.nestedType ?? []).filter((n) => n.options?.mapEntry).map((n) => [n.name ?? '', n])
  )
  const oneofs = m.oneofDecl ?? []
  const inOneof = (f: Field) => f.oneofIndex != null && !f.proto3Optional
  const field = (f: Field, pad: string) => {
    const entry = f.typeName ? entries.get(messageName(f.typeName)) : undefined
    let type: string
    let label = ''
    if (entry && f.label === LABEL_REPEATED) {
      const [k, v] = entry.field ?? []
      type = `map<${typeOf(k)}, ${typeOf(v)}>`
    } else {
      type = typeOf(f)
      if (f.label === LABEL_REPEATED) label = 'repeated '
      else if (f.label === LABEL_REQUIRED) label = 'required '
      else if (f.label === LABEL_OPTIONAL && (!proto3 || f.proto3Optional) && !inOneof(f))
        label = 'optional '
    }
    out.push(`${pad}${label}${type} ${f.name} = ${f.number}${fieldOptions(f, proto3)};`)
  }
  out.push(`${indent}message ${m.name} {`)
  const inner = `${indent}  `
  const written = new Set<number>()
  for (const f of m.field ?? []) {
    if (!inOneof(f)) {
      field(f, inner)
      continue
    }
    const index = f.oneofIndex!
    if (written.has(index)) continue
    written.add(index)
    out.push(`${inner}oneof ${oneofs[index]?.name ?? `oneof_${index}`} {`)
    for (const g of m.field ?? []) if (inOneof(g) && g.oneofIndex === index) field(g, `${inner}  `)
    out.push(`${inner}}`)
  }
  for (const n of m.nestedType ?? []) if (!n.options?.mapEntry) writeMessage(n, inner, proto3, out)
  for (const e of m.enumType ?? []) writeEnum(e, inner, out)
  for (const r of m.extensionRange ?? [])
    out.push(
      `${inner}extensions ${r.start} to ${(r.end ?? 0) - 1 === 536870911 ? 'max' : (r.end ?? 0) - 1};`
    )
  for (const r of m.reservedRange ?? [])
    out.push(
      `${inner}reserved ${(r.end ?? 0) - 1 === r.start ? r.start : `${r.start} to ${(r.end ?? 0) - 1}`};`
    )
  if (m.reservedName?.length)
    out.push(`${inner}reserved ${m.reservedName.map((n) => JSON.stringify(n)).join(', ')};`)
  out.push(`${indent}}`)
}

/** The .proto text a FileDescriptorProto stands for (its name and JSON names aside). */
export function descriptorText(file: File): string {
  if (file.syntax && file.syntax !== 'proto2' && file.syntax !== 'proto3')
    throw new Error(`syntax '${file.syntax}' is not supported (proto2 and proto3 are)`)
  const proto3 = file.syntax === 'proto3'
  const out: string[] = [`syntax = "${proto3 ? 'proto3' : 'proto2'}";`]
  if (file.package) out.push(`package ${file.package};`)
  const deps = file.dependency ?? []
  deps.forEach((d, i) => {
    const kind = file.publicDependency?.includes(i)
      ? 'public '
      : file.weakDependency?.includes(i)
        ? 'weak '
        : ''
    out.push(`import ${kind}${JSON.stringify(d)};`)
  })
  for (const m of file.messageType ?? []) writeMessage(m, '', proto3, out)
  for (const e of file.enumType ?? []) writeEnum(e, '', out)
  for (const s of file.service ?? []) {
    out.push(`service ${s.name} {`)
    for (const r of s.method ?? [])
      out.push(
        `  rpc ${r.name} (${r.clientStreaming ? 'stream ' : ''}${r.inputType}) returns (${r.serverStreaming ? 'stream ' : ''}${r.outputType});`
      )
    out.push('}')
  }
  return `${out.join('\n')}\n`
}
