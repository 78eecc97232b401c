// Either backend's messages area with a schema registry behind it: messages.read decodes records
// in the registry's wire format, messages.produce encodes JSON with a subject's schema.
import type { Params } from '../../shared/contract'
import { ApiError } from '../../shared/errors'
import type { Area } from './backend'
import type { messagesParams } from '../../shared/api/messages'
import { RegistryError } from '../registry/registry-error'
import type { TypedSchemaSource } from '../registry/catalog'
import { decodeTypedRecords } from '../registry/wire-format'
import type { ProtobufSchema } from '../registry/formats/protobuf'

type Produce = Params<'messages.produce'>
type Side = 'key' | 'value'

/** The record's bytes with key and value encoded as asked, as base64 for the plain producer. */
async function encoded(registry: TypedSchemaSource, params: Produce): Promise<Produce> {
  const { valueSchema, keySchema, ...rest } = params
  const { encodeWithSchema, pickProtobufMessage, SchemaMismatch } =
    await import('../registry/wire-encode')
  const asBase64 = <T extends string | null | undefined>(text: T): T =>
    (typeof text === 'string' && rest.encoding !== 'base64'
      ? Buffer.from(text, 'utf8').toString('base64')
      : text) as T
  const out: Produce = {
    ...rest,
    encoding: 'base64',
    key: asBase64(rest.key),
    value: asBase64(rest.value),
    ...(rest.headers && {
      headers: Object.fromEntries(
        Object.entries(rest.headers).map(([k, v]) => [k, asBase64(v) as string])
      )
    })
  }
  const sides: [Side, NonNullable<Produce['valueSchema']> | undefined][] = [
    ['key', keySchema],
    ['value', valueSchema]
  ]
  for (const [side, ref] of sides) {
    if (!ref) continue
    const text = params[side]
    if (typeof text !== 'string')
      throw new ApiError('BAD_REQUEST', `${side}Schema needs a ${side} to encode`, side)
    let version
    try {
      version = await registry.subjectVersion(ref.subject, ref.version ?? 'latest')
    } catch (err) {
      if (err instanceof RegistryError)
        throw new ApiError('NOT_FOUND', err.message, `${side}Schema`)
      throw err
    }
    const parsed = await registry.parsedById(version.id)
    if (ref.message !== undefined) {
      if (parsed.type !== 'PROTOBUF')
        throw new ApiError(
          'BAD_REQUEST',
          `${ref.subject} version ${version.version} is ${parsed.type}: only a Protobuf schema has messages to pick`,
          `${side}Schema.message`
        )
      if (!pickProtobufMessage(parsed as ProtobufSchema, ref.message)) {
        const { protobufMessages } = await import('../registry/formats/protobuf')
        throw new ApiError(
          'BAD_REQUEST',
          `${ref.subject} version ${version.version} has no message ${ref.message}; it has ${protobufMessages(
            parsed as ProtobufSchema
          )
            .map((m) => m.name)
            .join(', ')}`,
          `${side}Schema.message`
        )
      }
    }
    try {
      out[side] = encodeWithSchema(version.id, parsed, text, ref.message).toString('base64')
    } catch (err) {
      if (!(err instanceof SchemaMismatch)) throw err
      throw new ApiError(
        'BAD_REQUEST',
        `The ${side} does not fit ${ref.subject} version ${version.version}: ${err.message}`,
        err.path ? `${side}.${err.path}` : side
      )
    }
  }
  return out
}

export function typedMessages(
  messages: Area<typeof messagesParams>,
  registry: TypedSchemaSource
): Area<typeof messagesParams> {
  const read = messages['messages.read']
  const produce = messages['messages.produce']
  return {
    ...messages,
    'messages.read': async (params) => {
      const result = await read(params)
      await decodeTypedRecords(registry, result.records, params.topic)
      return result
    },
    'messages.produce': async (params) =>
      produce(params.valueSchema || params.keySchema ? await encoded(registry, params) : params)
  }
}
