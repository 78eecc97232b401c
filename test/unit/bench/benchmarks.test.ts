// `npm run bench` runs every benchmark of bench/ and reads the results file each writes: a
// benchmark left out of bench/lib/benchmarks.ts, or writing its figures under another name,
// would be missing from bench/results/summary.md.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCHMARKS } from '../../../bench/lib/benchmarks'

const BENCH = join(__dirname, '..', '..', '..', 'bench')

describe('npm run bench', () => {
  it('runs every benchmark in bench/, once', () => {
    const files = readdirSync(BENCH).filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    expect(BENCHMARKS.map((b) => b.file).sort()).toEqual(files.sort())
    expect(new Set(BENCHMARKS.map((b) => b.name)).size).toBe(BENCHMARKS.length)
  })

  it("reads each benchmark's figures from the results file it writes", () => {
    for (const b of BENCHMARKS) {
      const source = readFileSync(join(BENCH, b.file), 'utf8')
      // new Recorder('<name>') (or a constant holding it), or the file named by hand.
      const writes =
        (source.includes(`'${b.name}'`) && source.includes('new Recorder(')) ||
        source.includes(`'${b.name}.json'`)
      expect(writes, `${b.file} writes bench/results/${b.name}.json`).toBe(true)
    }
  })
})
