// External links the desktop app opens in the browser: https to allow-listed hosts only.
import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/main/external-links'

describe('external links', () => {
  it('opens https pages on allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://kafka.apache.org/documentation/#topicconfigs')).toBe(true)
    expect(isAllowedExternalUrl('https://github.com/apache/kafka')).toBe(true)
  })

  it('refuses every other scheme, host, port or embedded credential', () => {
    for (const url of [
      'http://kafka.apache.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://kafka.apache.org/share',
      'https://kafka.apache.org.evil.com/',
      'https://evil.com/kafka.apache.org',
      'https://kafka.apache.org@evil.com/',
      'https://user:pw@kafka.apache.org/',
      'https://kafka.apache.org:8443/',
      'https://sub.github.com.evil/',
      'app://logdeck/index.html',
      '',
      'not a url'
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false)
  })
})
