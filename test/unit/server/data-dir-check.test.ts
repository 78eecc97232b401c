// The data folder check behind `logdeck serve --data-dir`, on a real file system.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dataDirProblem } from '../../../src/server/data-dir-check'

describe('dataDirProblem', () => {
  const base = mkdtempSync(join(tmpdir(), 'logdeck-datadir-'))
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('accepts an existing folder and leaves nothing behind', () => {
    expect(dataDirProblem(base)).toBeNull()
    expect(existsSync(base)).toBe(true)
  })

  it('creates missing folders', () => {
    const dir = join(base, 'a', 'b', 'c')
    expect(dataDirProblem(dir)).toBeNull()
    expect(statSync(dir).isDirectory()).toBe(true)
  })

  it('refuses a file and a path inside a file', () => {
    const file = join(base, 'file')
    writeFileSync(file, 'x')
    expect(dataDirProblem(file)).toBe('is a file, not a folder')
    expect(dataDirProblem(join(file, 'sub'))).toBe(`is inside ${file}, which is a file`)
  })

  it('refuses a folder it cannot write', () => {
    // root writes through file modes, so as root use a file system that refuses new folders
    let dir: string
    if (process.getuid?.() === 0) dir = '/sys/logdeck-write-check'
    else {
      dir = join(base, 'read-only')
      dataDirProblem(dir)
      chmodSync(dir, 0o555)
    }
    expect(dataDirProblem(dir)).toMatch(/^is not writable \(E[A-Z]+\)$/)
    if (!dir.startsWith('/sys')) chmodSync(dir, 0o755)
  })
})
