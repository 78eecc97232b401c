// Checks before start that the data folder is a folder this process can write, so that a
// wrong --data-dir fails with one line naming it instead of an SQLite error.
import { mkdirSync, mkdtempSync, rmdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** Returns why `dir` cannot hold the data (null when it can), creating it when missing. */
export function dataDirProblem(dir: string): string | null {
  const target = resolve(dir)
  // Walk up to the closest existing ancestor, then create the missing folders one by one
  // (a recursive mkdir can spin forever under /proc).
  const missing: string[] = []
  let at = target
  for (;;) {
    const st = statOrNull(at)
    if (st) {
      if (!st.isDirectory())
        return at === target ? 'is a file, not a folder' : `is inside ${at}, which is a file`
      break
    }
    missing.unshift(at)
    const up = dirname(at)
    if (up === at) break
    at = up
  }
  try {
    for (const m of missing) mkdirSync(m)
    rmdirSync(mkdtempSync(join(target, '.write-check-')))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err)
    return `is not writable (${code})`
  }
  return null
}

function statOrNull(p: string) {
  try {
    return statSync(p)
  } catch {
    return null
  }
}
