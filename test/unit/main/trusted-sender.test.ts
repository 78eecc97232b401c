// The desktop app's IPC sender check: closed to unknown frames, exact origins, top frame only.
import { describe, expect, it } from 'vitest'
import { isTrustedSender, originOf } from '../../../src/main/trusted-sender'
import { APP_ORIGIN } from '../../../src/main/app-protocol'

const top = (url: string) => ({ url, isMainFrame: true })

describe('IPC sender check', () => {
  it("accepts the app's own top frame, on any of its pages", () => {
    expect(isTrustedSender(top('app://logdeck/index.html'), APP_ORIGIN)).toBe(true)
    expect(isTrustedSender(top('app://logdeck/index.html#/topics/orders'), APP_ORIGIN)).toBe(true)
    const dev = originOf('http://localhost:5173/')
    expect(isTrustedSender(top('http://localhost:5173/#/groups'), dev)).toBe(true)
  })

  it('fails closed without a frame, with an empty or unparsable URL, or without an origin', () => {
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false)
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false)
    expect(isTrustedSender(top(''), APP_ORIGIN)).toBe(false)
    expect(isTrustedSender(top('not a url'), APP_ORIGIN)).toBe(false)
    expect(isTrustedSender(top('app://logdeck/index.html'), null)).toBe(false)
    expect(isTrustedSender(top('about:blank'), APP_ORIGIN)).toBe(false)
  })

  it('refuses subframes of the right origin', () => {
    expect(
      isTrustedSender({ url: 'app://logdeck/index.html', isMainFrame: false }, APP_ORIGIN)
    ).toBe(false)
  })

  it('compares whole origins, not prefixes', () => {
    const dev = originOf('http://localhost:5173')
    for (const url of [
      'http://localhost:5173.evil.com/',
      'http://localhost:51730/',
      'http://localhost:5173@evil.com/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/'
    ])
      expect(isTrustedSender(top(url), dev), url).toBe(false)
    for (const url of [
      'file:///home/me/evil.html',
      'file:///work/out/renderer/index.html',
      'app://logdeck.evil/index.html',
      'app://evil/index.html',
      'app://user:pw@logdeck/index.html',
      'apps://logdeck/index.html',
      'https://logdeck/index.html'
    ])
      expect(isTrustedSender(top(url), APP_ORIGIN), url).toBe(false)
  })

  it('gives origins only for app, http and https URLs with a host', () => {
    expect(originOf('app://logdeck/x?y#z')).toBe('app://logdeck')
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173')
    expect(originOf('HTTP://LOCALHOST:80/')).toBe('http://localhost')
    expect(originOf('file:///etc/passwd')).toBe(null)
    expect(originOf('javascript:alert(1)')).toBe(null)
    expect(originOf('data:text/html,x')).toBe(null)
  })
})
