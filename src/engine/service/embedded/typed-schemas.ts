// The schema registry's schemas and a decoder for them, for the scans that filter typed records
// (search, replay): parsed once, and again only after the registry changes.
import type { SearchPlan } from '../../messages/search-job'
import type { SchemaRegistry } from '../../registry/registry'
import { TypedDecoder } from '../../registry/typed-decoder'

export type TypedSchemas = () => Promise<SearchPlan['typed']>

export function typedSchemas(registry?: SchemaRegistry): TypedSchemas {
  let typed: { key: string; loading: Promise<NonNullable<SearchPlan['typed']>> } | null = null
  return () => {
    if (!registry) return Promise.resolve(undefined)
    const key = registry.catalogKey()
    if (typed?.key !== key) {
      const catalog = registry.catalog()
      typed = { key, loading: TypedDecoder.load(catalog).then((decoder) => ({ catalog, decoder })) }
    }
    return typed.loading
  }
}
