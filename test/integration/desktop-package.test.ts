// The desktop package as electron-builder lays it out, built for Linux with a stand-in for
// the Electron binary (the real one is a download): the app archive holds the built app and
// the native modules sit beside it, unpacked, and load; the binary's fuses are flipped.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractFile, listPackage, statFile } from '@electron/asar'

const ROOT = join(__dirname, '..', '..')
const tmp = mkdtempSync(join(tmpdir(), 'logdeck-package-'))
const resourcesDir = join(tmp, 'dist', 'linux-unpacked', 'resources')
const asar = join(resourcesDir, 'app.asar')
let output = ''

// Electron's fuse wire: a sentinel, the wire's version and length, then one byte per fuse ('0'
// off, '1' on), here with Electron's defaults (RunAsNode, NODE_OPTIONS, --inspect and the file://
// privileges on; cookie encryption, ASAR integrity, app-from-asar-only and the V8 snapshot off).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const DEFAULT_WIRE = '10110001'
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges'
]

beforeAll(() => {
  const electronDist = join(tmp, 'electron')
  mkdirSync(electronDist)
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from(`#!/bin/sh\nexit 0\n${FUSE_SENTINEL}`, 'latin1'),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(`${DEFAULT_WIRE}\n`, 'latin1')
    ])
  )
  chmodSync(join(electronDist, 'electron'), 0o755)
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(tmp, 'dist')}`
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 600_000 }
  )
  output = `${r.stdout}${r.stderr}`
  if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${output}`)
}, 600_000)

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('desktop package (linux dir target)', () => {
  it('names the executable for the product', () => {
    expect(existsSync(join(tmp, 'dist', 'linux-unpacked', 'logdeck'))).toBe(true)
  })

  it('packs the entry point, preload, renderer, workers and icon into app.asar', () => {
    const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/')))
    const meta = JSON.parse(extractFile(asar, 'package.json').toString('utf8'))
    const main = `/${meta.main.replace(/^\.\//, '')}`
    for (const f of [
      main,
      '/out/main/cli.js',
      '/out/main/log-cleaner-worker.js',
      '/out/main/message-scan-worker.js',
      '/out/main/demo-clients.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/out/renderer/favicon.ico',
      '/resources/icon.png'
    ])
      expect(files.has(f), f).toBe(true)
    expect([...files].some((f) => f.startsWith('/src/'))).toBe(false)
    expect([...files].some((f) => f.startsWith('/node_modules/vue/'))).toBe(false)
  })

  it('unpacks the native modules, and better-sqlite3 loads from there', () => {
    const native = listPackage(asar, { isPack: false }).filter((f) => f.endsWith('.node'))
    expect(native.length).toBeGreaterThanOrEqual(4)
    for (const f of native) {
      expect(statFile(asar, f.slice(1), false), f).toHaveProperty('unpacked', true)
      expect(existsSync(join(`${asar}.unpacked`, f)), f).toBe(true)
    }
    const req = createRequire(join(`${asar}.unpacked`, 'node_modules', 'loader.js'))
    const Database = req('better-sqlite3')
    const db = new Database(':memory:')
    expect(db.prepare('select 40 + 2 as v').get()).toEqual({ v: 42 })
    db.close()
  })

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; encrypted cookies; ASAR only', () => {
    const binary = readFileSync(join(tmp, 'dist', 'linux-unpacked', 'logdeck'))
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
    expect(at).toBeGreaterThan(FUSE_SENTINEL.length)
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1')
    const state = Object.fromEntries(FUSES.map((name, i) => [name, wire[i]]))
    expect(state).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0'
    })
  })
})
