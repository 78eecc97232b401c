// The README's CLI reference is the `--help` text of the flag table.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cliReference, README, readmeCliReference } from '../../../scripts/readme-cli'
import { SERVE_FLAGS } from '../../../src/server/cli-flags'

describe('README CLI reference', () => {
  const readme = readFileSync(README, 'utf8')

  it('matches logdeck --help and logdeck serve --help (npm run readme:cli rewrites it)', () => {
    expect(readmeCliReference(readme)).toBe(cliReference())
  })

  it('names every serve flag', () => {
    const section = readmeCliReference(readme) ?? ''
    for (const f of SERVE_FLAGS) expect(section).toContain(`--${f.name}`)
  })
})
