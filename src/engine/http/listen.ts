// Starting an HTTP server on a host and port (0 picks a free one): the error names what could not
// listen and why, and the answer is the port taken and the URL a browser or client reaches it by.
import type { Server } from 'node:http'

interface Listening {
  port: number
  /** http://host:port, with 127.0.0.1 for a wildcard address and brackets around IPv6. */
  origin: string
}

export async function listen(
  server: Server,
  what: string,
  opts: { host: string; port: number }
): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `${what} cannot listen on ${opts.host}:${opts.port}: ${err.code === 'EADDRINUSE' ? 'the port is already in use' : err.message}`
        )
      )
    )
    server.listen(opts.port, opts.host, () => resolve())
  })
  const addr = server.address()
  const port = addr && typeof addr === 'object' ? addr.port : opts.port
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host
  const hostPart = shownHost.includes(':') ? `[${shownHost}]` : shownHost
  return { port, origin: `http://${hostPart}:${port}` }
}
