// A Protobuf schema as Confluent's registry serves it with `?format=serialized`: the schema's own
// file as a FileDescriptorProto (named "default", its imports as dependencies, type names fully
// qualified, map entries named as protoc names them), base64. Confluent's Protobuf serializers
// and deserializers build their message types from it.
import protobuf from 'protobufjs'
import * as descriptor from 'protobufjs/ext/descriptor'
import type { ProtobufSchema } from './protobuf'

/** The name Confluent gives the schema's own file. */
const FILE_NAME = 'default'

/** protoc's name for a map field's entry message: `line_items` -> `LineItemsEntry`. */
function mapEntryName(field: string): string {
  const camel = field.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase())
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`
}

/** protoc's JSON name of a field: `placed_at` -> `placedAt`. */
function jsonName(field: string): string {
  return field.replace(/_+([a-zA-Z0-9]?)/g, (_m, c: string) => c.toUpperCase())
}

/**
 * Rewrites a message's field type names to full names and gives each field its JSON name (a
 * field without one reads as named '' in some runtimes), recursing into its nested messages.
 */
function qualify(type: protobuf.Type, d: descriptor.IDescriptorProto): void {
  const fields = d.field ?? []
  const nested = d.nestedType ?? []
  type.fieldsArray.forEach((f, i) => {
    const fd = fields[i]
    fd.jsonName = jsonName(f.name)
    if (f instanceof protobuf.MapField) {
      const entry = nested.find((n) => n.options?.mapEntry && n.name === fd.typeName)
      const name = mapEntryName(f.name)
      fd.typeName = `${type.fullName}.${name}`
      if (entry) {
        entry.name = name
        for (const ef of entry.field ?? []) ef.jsonName = ef.name
        const value = entry.field?.[1]
        if (value && f.resolvedType) value.typeName = f.resolvedType.fullName
      }
    } else if (f.resolvedType) {
      fd.typeName = f.resolvedType.fullName
    }
  })
  const own = nested.filter((n) => !n.options?.mapEntry)
  type.nestedArray
    .filter((n): n is protobuf.Type => n instanceof protobuf.Type)
    .forEach((t, i) => qualify(t, own[i]))
}

/** The syntax line of the schema's text ("proto3", "proto2"); proto2 when it has none. */
function syntaxOf(text: string): string {
  return /^\s*syntax\s*=\s*["'](proto[23])["']/m.exec(text)?.[1] ?? 'proto2'
}

/** The schema's own file as a base64 FileDescriptorProto, as Confluent's `serialized` format. */
export function serializedDescriptor(schema: ProtobufSchema): string {
  const syntax = syntaxOf(schema.canonical)
  const messageType = schema.messages.map((t) => {
    const d = t.toDescriptor(syntax)
    qualify(t, d)
    return d
  })
  const file = descriptor.FileDescriptorProto.create({
    name: FILE_NAME,
    ...(schema.packageName ? { package: schema.packageName } : {}),
    dependency: schema.imports,
    messageType,
    enumType: schema.enums.map((e) => e.toDescriptor()),
    service: schema.services.map((s) => s.toDescriptor()),
    ...(syntax === 'proto3' ? { syntax } : {})
  })
  return Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()).toString('base64')
}
