// The embedded backend with messages.read decoding records in the registry's wire format.
import type { Backend } from '../service/backend'
import type { SchemaRegistry } from './registry'
import { decodeTypedRecords } from './wire-format'

export function typedReads(backend: Backend, registry: SchemaRegistry): Backend {
  const read = backend.messages['messages.read']
  const messages = {
    ...backend.messages,
    'messages.read': async (params: Parameters<typeof read>[0]) => {
      const result = await read(params)
      await decodeTypedRecords(registry, result.records)
      return result
    }
  }
  return Object.assign(Object.create(backend) as Backend, { messages })
}
