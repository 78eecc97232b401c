// app:// path resolution: files under the renderer's directory, and nothing outside it.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { join, relative, sep } from 'node:path'
import { APP_ENTRY_URL, resolveAppFile } from '../../../src/main/app-protocol'

const ROOT = join('/opt', 'logdeck', 'out', 'renderer')

describe('app:// paths', () => {
  it('maps the entry and assets to files under the root', () => {
    expect(resolveAppFile(ROOT, APP_ENTRY_URL)).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://logdeck/')).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://logdeck/index.html#/topics')).toBe(join(ROOT, 'index.html'))
    expect(resolveAppFile(ROOT, 'app://logdeck/assets/index-Ab1.js?v=2')).toBe(
      join(ROOT, 'assets', 'index-Ab1.js')
    )
    expect(resolveAppFile(ROOT, 'app://logdeck/assets/a%20b.css')).toBe(
      join(ROOT, 'assets', 'a b.css')
    )
  })

  it('refuses other hosts and schemes, and malformed escapes', () => {
    for (const url of [
      'app://evil/index.html',
      'app://logdeck.evil/index.html',
      'file:///opt/logdeck/out/renderer/index.html',
      'http://logdeck/index.html',
      'app://logdeck/%E0%A4%A',
      'not a url'
    ])
      expect(resolveAppFile(ROOT, url), url).toBe(null)
  })

  it('refuses traversal, encoded or not, NUL bytes, backslashes and drive paths', () => {
    for (const url of [
      'app://logdeck/../../../etc/passwd',
      'app://logdeck/%2e%2e/%2e%2e/etc/passwd',
      'app://logdeck/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://logdeck/assets%2F..%2F..%2Fsecret',
      'app://logdeck/..%5C..%5Csecret',
      'app://logdeck/index.html%00.png',
      'app://logdeck/C:/Windows/win.ini',
      'app://logdeck/%2F%2Fserver%2Fshare'
    ]) {
      const file = resolveAppFile(ROOT, url)
      if (file !== null)
        expect(relative(ROOT, file).startsWith('..'), `${url} -> ${file}`).toBe(false)
      expect(file === null || file.startsWith(ROOT + sep), url).toBe(true)
    }
    expect(resolveAppFile(ROOT, 'app://logdeck/assets/..%2F..%2F..%2Fetc%2Fpasswd')).toBe(null)
    expect(resolveAppFile(ROOT, 'app://logdeck/index.html%00.png')).toBe(null)
    expect(resolveAppFile(ROOT, 'app://logdeck/..%5C..%5Csecret')).toBe(null)
  })

  it('never resolves outside the root, whatever the path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '..%2F', '%2F', '%5C', '%00', 'assets', 'a'),
      fc.string({ maxLength: 6 }).map(encodeURIComponent)
    )
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppFile(ROOT, `app://logdeck/${segments.join('/')}`)
        return file === null || (file.startsWith(ROOT + sep) && !file.includes('\0'))
      }),
      { numRuns: 2000 }
    )
  })
})
