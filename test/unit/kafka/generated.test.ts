// The committed generated schemas are what the generator makes of Kafka's JSON (when it is here).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GENERATED_DIR, generateProtocol, stripComments } from '../../../scripts/generate-protocol'

const repoRoot = path.resolve(__dirname, '../../..')
const specDir = path.resolve(repoRoot, '../shared/kafka-spec')

describe('generated protocol schemas', () => {
  it.skipIf(!existsSync(specDir))('are up to date with ../shared/kafka-spec', async () => {
    const files = await generateProtocol(specDir, repoRoot)
    const dir = path.join(repoRoot, GENERATED_DIR)
    expect(readdirSync(dir).sort()).toEqual([...files.keys()].sort())
    for (const [name, source] of files) {
      expect(readFileSync(path.join(dir, name), 'utf8'), name).toBe(source)
    }
  })

  it('reads Kafka JSON with line comments, keeping // inside strings', () => {
    const text = '{ // a comment\n "about": "see http://x", // more\n "n": 1 }'
    expect(JSON.parse(stripComments(text))).toEqual({ about: 'see http://x', n: 1 })
  })
})
