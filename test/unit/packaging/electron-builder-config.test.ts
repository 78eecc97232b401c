// The desktop packages' configuration (electron-builder.json): packaging itself downloads
// Electron, so this checks what would break a package without building one.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, matchesGlob } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Configuration } from 'electron-builder'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { ICON_SIZES } from '../../../scripts/generate-icons'

const ROOT = join(__dirname, '..', '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

async function loadConfig(): Promise<Configuration> {
  return getConfig(ROOT, null, null)
}

function patterns(set: Configuration['files'] | Configuration['asarUnpack']): string[] {
  const list = set == null ? [] : Array.isArray(set) ? set : [set]
  // electron-builder merges plain patterns into one file set without from/to
  return list.flatMap((p) => {
    if (typeof p === 'string') return [p]
    if (p.from !== undefined || p.to !== undefined) throw new Error('file sets are not used here')
    return p.filter === undefined ? [] : Array.isArray(p.filter) ? p.filter : [p.filter]
  })
}

/** electron-builder's rule: the last pattern that matches decides; `!` excludes. */
function included(file: string, list: string[]): boolean {
  let inc = false
  for (const p of list) {
    if (p.startsWith('!')) {
      if (matchesGlob(file, p.slice(1))) inc = false
    } else if (matchesGlob(file, p)) inc = true
  }
  return inc
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG')
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}

/** Every .node file of the packages the app ships (dependencies and theirs). */
function nativeFilesOfDependencies(): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const dir = join(ROOT, 'node_modules', name)
    if (!existsSync(join(dir, 'package.json'))) return // an optional dependency for another OS
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
      if (f.endsWith('.node')) found.push(`node_modules/${name}/${f}`)
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies }))
      visit(dep)
  }
  for (const dep of Object.keys(pkg.dependencies)) visit(dep)
  return found
}

describe('electron-builder configuration', () => {
  it('is the file electron-builder loads, and valid for its schema', async () => {
    const config = await loadConfig()
    expect(config.appId).toBe('dev.logdeck.app')
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => {} } as never)
    ).resolves.toBeUndefined()
  })

  it('builds AppImage and deb, dmg, and nsis', async () => {
    const config = await loadConfig()
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
    for (const script of ['dist', 'dist:linux', 'dist:mac', 'dist:win'])
      expect(pkg.scripts[script], script).toMatch(/^npm run build && electron-builder\b/)
    expect(pkg.scripts['dist:linux']).toContain('--linux')
    expect(pkg.scripts['dist:mac']).toContain('--mac')
    expect(pkg.scripts['dist:win']).toContain('--win')
  })

  it('packs the entry point and every file the main process loads', async () => {
    const files = patterns((await loadConfig()).files)
    expect(pkg.main).toBe('./out/main/index.js')
    const config = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')
    // the build's main inputs, each of which becomes out/main/<name>.js
    const inputs = [...config.matchAll(/'?([\w-]+)'?: resolve\(__dirname, 'src\/[^']+'\)/g)].map(
      (m) => m[1]
    )
    expect(inputs).toEqual(
      expect.arrayContaining(['index', 'cli', 'log-cleaner-worker', 'message-scan-worker'])
    )
    const needed = [
      ...inputs.map((n) => `out/main/${n}.js`),
      'out/preload/index.js',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'out/renderer/favicon.ico',
      'resources/icon.png'
    ]
    for (const f of needed) expect(included(f, files), f).toBe(true)
    expect(included('src/main/index.ts', files)).toBe(false)
    expect(included('test/unit/x.test.ts', files)).toBe(false)
  })

  it('keeps every native module of the dependencies out of the asar archive', async () => {
    const config = await loadConfig()
    expect(config.npmRebuild).toBe(false) // N-API prebuilds load in Electron as they are
    const unpack = patterns(config.asarUnpack)
    const natives = nativeFilesOfDependencies()
    expect(natives).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node')
    expect(natives.length).toBeGreaterThanOrEqual(4) // sqlite, crc32, snappy, lz4
    for (const f of natives) expect(included(f, unpack), f).toBe(true)
    expect(included('node_modules/better-sqlite3/lib/index.js', unpack)).toBe(true)
    expect(included('node_modules/zod/index.js', unpack)).toBe(false)
  })

  it('has an icon for every platform, in every size', async () => {
    const config = await loadConfig()
    const icns = readFileSync(join(ROOT, String(config.mac?.icon)))
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const ico = readFileSync(join(ROOT, String(config.win?.icon)))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    const linuxDir = join(ROOT, String(config.linux?.icon))
    for (const size of ICON_SIZES)
      expect(pngSize(join(linuxDir, `${size}x${size}.png`))).toEqual([size, size])
    expect(pngSize(join(ROOT, 'resources', 'icon.png'))).toEqual([1024, 1024])
    expect(readFileSync(join(ROOT, 'resources', 'icon.svg'), 'utf8')).toContain('<svg')
  })
})
