// Counts how often SQLite planned a statement again, as far as a test can see it: after each new
// plan, better-sqlite3 builds the statement's row shape anew with the global Function
// constructor, which nothing else on the engine's read paths calls.

/** Calls of the global Function constructor while `run` runs. */
export function functionsBuilt(run: () => void): number {
  const original = globalThis.Function
  let built = 0
  globalThis.Function = new Proxy(original, {
    apply(target, self, args: string[]) {
      built++
      return Reflect.apply(target, self, args) as unknown
    },
    construct(target, args: string[]) {
      built++
      return Reflect.construct(target, args) as object
    }
  })
  try {
    run()
  } finally {
    globalThis.Function = original
  }
  return built
}
