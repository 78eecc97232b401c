// Content types of the built renderer's files, as `logdeck serve` and the desktop app's app://
// protocol send them.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

export function contentTypeOf(file: string): string {
  const ext = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? ''
  return TYPES[ext] ?? 'application/octet-stream'
}
