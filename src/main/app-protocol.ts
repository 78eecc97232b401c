// The app:// protocol the desktop window loads the renderer from (instead of file://, which
// would give every local file the page's origin): app://logdeck/<path> maps to a file under the
// built renderer's directory, and nothing outside it.
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'logdeck'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The file under `root` an app:// request names, or null when the URL is not ours, is
 * malformed, or points outside root (`..`, encoded or not, a NUL byte, a drive or UNC path).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let u: URL
  try {
    u = new URL(requestUrl)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\') || /^\/*[a-zA-Z]:/.test(path)) return null
  const segments = path.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return null
  const base = resolve(root)
  const file = segments.length === 0 ? join(base, 'index.html') : join(base, ...segments)
  const rel = relative(base, file)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null
  return file
}
