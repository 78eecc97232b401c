// The README's recipes, each a vitest file run as it stands against the built package: a
// producer through a leader change, a poison message to the DLQ, a rebalance mid-batch with
// commit after process, and idempotence against a retried produce.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../support/external-clients'
import { packageProject, readmeTestFiles, repo } from '../support/readme-project'

mkdirSync(join(repo, 'test-results'), { recursive: true })
const work = mkdtempSync(join(repo, 'test-results', 'recipes-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe("the README's recipes", () => {
  it('each passes as written, with kafkajs against startCluster', async () => {
    const files = readmeTestFiles('Recipes')
    expect([...files.keys()]).toEqual([
      'leader-change.test.ts',
      'dead-letter.test.ts',
      'rebalance.test.ts',
      'idempotence.test.ts'
    ])
    const dir = packageProject(work, 'recipes')
    for (const [name, code] of files) writeFileSync(join(dir, name), code)
    const vitest = join(repo, 'node_modules', 'vitest', 'vitest.mjs')
    const r = await run(process.execPath, [vitest, 'run', '--root', dir], undefined, 200_000)
    // eslint-disable-next-line no-control-regex
    const out = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '')
    expect(r.code, out).toBe(0)
    expect(out).toMatch(/Test Files\s+4 passed \(4\)/)
  }, 240_000)
})
