// Serves the built renderer (index.html and its assets) with a strict Content-Security-Policy.
import { createReadStream, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'
import { contentTypeOf } from '../shared/content-types'
import { decodePath } from './url-path'

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodePath(new URL(req.url ?? '/', 'http://x').pathname)
  const rel = path === '/' ? 'index.html' : path.slice(1)
  const file = normalize(join(root, rel))
  let target = file
  if (!file.startsWith(root + sep) || !isFile(file)) {
    // Unknown paths get the app shell so that client-side routes reload correctly.
    if (extname(rel) !== '') return notFound(res)
    target = join(root, 'index.html')
  }
  if (!isFile(target)) return notFound(res)
  res.writeHead(200, {
    'content-type': contentTypeOf(target),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000'
  })
  createReadStream(target).pipe(res)
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
}
