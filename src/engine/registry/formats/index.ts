// The schema formats, loaded on first use: their libraries take time to load and `logdeck
// serve` must be ready without them.
import type { SchemaFormat, SchemaType } from './format'

const loaded = new Map<SchemaType, Promise<SchemaFormat>>()

export function loadFormat(type: SchemaType): Promise<SchemaFormat> {
  let p = loaded.get(type)
  if (!p) {
    p =
      type === 'AVRO'
        ? import('./avro').then((m) => m.avroFormat as unknown as SchemaFormat)
        : type === 'PROTOBUF'
          ? import('./protobuf').then((m) => m.protobufFormat as unknown as SchemaFormat)
          : import('./json-schema').then((m) => m.jsonSchemaFormat as unknown as SchemaFormat)
    loaded.set(type, p)
  }
  return p
}
