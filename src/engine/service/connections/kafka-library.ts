// Loads the Kafka client library for external clusters (@platformatic/kafka) without freezing the
// process. Required whole it is one synchronous evaluation: 330 ES modules and the CommonJS
// packages they use (ajv, mnemonist, avsc, ...), 38 of the modules compiling an ajv validator for
// client options as they load, about 0.6 s of CPU at rest (seconds on a loaded machine) during
// which no listener and no HTTP request is served. Here its module graph is imported a module at
// a time, dependencies first, yielding to other work between them, and the library's ajv instance
// compiles each validator on its first use instead of at load, so no step takes more than a few
// tens of milliseconds. What requires the library afterwards finds it loaded.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { setImmediate as yieldToOtherWork } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'

const LIBRARY = '@platformatic/kafka'
/** Static `import ... from '...'`, `export ... from '...'` and `import '...'` specifiers. */
const STATIC_IMPORT = /(?:^|[\n;])\s*(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g

/** Where a module's import leads: a file, or null for built-ins and what cannot be resolved. */
function resolveImport(from: string, specifier: string): string | null {
  if (specifier.startsWith('node:')) return null
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier)
  try {
    const found = createRequire(from).resolve(specifier)
    return found.startsWith('/') || /^[A-Za-z]:[\\/]/.test(found) ? found : null // not a built-in
  } catch {
    return null // imported by the library itself when its importer loads
  }
}

/**
 * The library's files, each after the files it imports. CommonJS packages are leaves: one step
 * each, with what they require.
 */
async function loadOrder(entry: string): Promise<string[]> {
  const order: string[] = []
  const seen = new Set<string>()
  const visit = async (file: string): Promise<void> => {
    // JSON and other files are left to their importers (which name how to import them).
    if (seen.has(file) || !/\.[cm]?js$/.test(file)) return
    seen.add(file)
    const source = await readFile(file, 'utf8').catch(() => '')
    for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
      const dependency = resolveImport(file, specifier)
      if (dependency) await visit(dependency)
    }
    order.push(file)
  }
  await visit(entry)
  return order
}

interface Ajv {
  compile(schema: unknown, meta?: boolean): (data: unknown) => boolean
}

/**
 * Makes the library's ajv instance compile a validator when it is first called: the same
 * validator, with its errors where the library reads them (validator.errors).
 */
function compileOnFirstUse(ajv: Ajv): void {
  const compile = ajv.compile.bind(ajv)
  ajv.compile = (schema, meta) => {
    let compiled: ReturnType<Ajv['compile']> | undefined
    const validate = function (this: unknown, ...args: unknown[]): boolean {
      compiled ??= compile(schema, meta)
      const valid = (compiled as (...a: unknown[]) => boolean).apply(this, args)
      validate.errors = (compiled as unknown as { errors?: unknown }).errors
      return valid
    } as ((...args: unknown[]) => boolean) & { errors?: unknown }
    return validate
  }
}

function isAjv(value: unknown): value is Ajv {
  return typeof (value as Ajv | undefined)?.compile === 'function'
}

let loading: Promise<void> | null = null

/**
 * Loads the library a module at a time (once; later calls wait for the same load). Should a step
 * fail, the library is left to load whole where it is required, as before.
 */
export function loadKafkaLibrary(): Promise<void> {
  return (loading ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve(LIBRARY)
      let lazyAjv = false
      for (const file of await loadOrder(entry)) {
        // One that cannot be imported alone is imported with its importer.
        const loaded = (await import(pathToFileURL(file).href).catch(() => ({}))) as {
          ajv?: unknown
        }
        // The library's utils module creates the ajv instance its option modules compile with.
        if (!lazyAjv && file.startsWith(dirname(entry)) && isAjv(loaded.ajv)) {
          compileOnFirstUse(loaded.ajv)
          lazyAjv = true
        }
        await yieldToOtherWork()
      }
    } catch {
      // Required whole on first use instead.
    }
  })())
}
