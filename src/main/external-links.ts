// The only external pages the desktop app opens in the user's browser: https, on hosts we link to
// on purpose. Everything else a page asks to open is refused.

export const EXTERNAL_HOSTS: readonly string[] = ['kafka.apache.org', 'github.com']

export function isAllowedExternalUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  return (
    u.protocol === 'https:' &&
    u.username === '' &&
    u.password === '' &&
    u.port === '' &&
    EXTERNAL_HOSTS.includes(u.hostname)
  )
}
