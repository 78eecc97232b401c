// An HTTP/1.1 request sent in two parts over a raw connection, to have a request under way (the
// server has begun reading it) at a chosen moment and complete it later.
import net from 'node:net'

/**
 * A connection that sends the first half of a request now and the rest when `finish` is called;
 * the answer is the raw HTTP response, '' when the server closed without one.
 */
export function halfRequest(base: string, head: string, body: string) {
  const url = new URL(base)
  const socket = net.connect(Number(url.port), url.hostname)
  let raw = ''
  socket.setEncoding('utf8').on('data', (s: string) => (raw += s))
  const answer = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(raw))
    socket.on('error', () => undefined)
  })
  const headers =
    `${head}\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\n`
  const firstLine = headers.indexOf('\r\n') + 2
  /** Resolves once the request line is sent. */
  const opened = new Promise<void>((resolve) =>
    socket.once('connect', () => socket.write(headers.slice(0, firstLine), () => resolve()))
  )
  return {
    opened,
    answer,
    finish: () => socket.write(headers.slice(firstLine) + '\r\n' + body)
  }
}
