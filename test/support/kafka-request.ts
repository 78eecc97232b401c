// One Kafka request over a fresh TCP connection with the project's codec: for tests that need a
// request no client library would send (thousands of topics, a partial frame, max_bytes 2^31-1).
import net from 'node:net'
import {
  ApiKey,
  FrameSplitter,
  decodeResponse,
  encodeRequest,
  type Encodable,
  type RequestBodies,
  type ResponseBodies,
  type ServedApiKey
} from '../../src/engine/kafka/protocol'

let correlationId = 0

/** An ApiVersions v0 request frame: what a test sends to see whether a connection is served. */
export function apiVersionsFrame(clientId = 'test'): Buffer {
  return encodeRequest(
    {
      requestApiKey: ApiKey.ApiVersions,
      requestApiVersion: 0,
      correlationId: ++correlationId,
      clientId
    },
    { clientSoftwareName: '', clientSoftwareVersion: '' }
  )
}

export function kafkaRequest<K extends ServedApiKey>(
  port: number,
  apiKey: K,
  version: number,
  body: Encodable<RequestBodies[K]>,
  host = '127.0.0.1'
): Promise<{ body: ResponseBodies[K]; frameBytes: number }> {
  const id = ++correlationId
  const frame = encodeRequest(
    { requestApiKey: apiKey, requestApiVersion: version, correlationId: id, clientId: 'test' },
    body
  )
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.write(frame))
    const splitter = new FrameSplitter({ maxFrameBytes: 1 << 30 })
    socket.on('data', (chunk: Buffer) => {
      const [response] = splitter.push(chunk)
      if (!response) return
      socket.destroy()
      try {
        const decoded = decodeResponse(apiKey, version, response)
        if (decoded.correlationId !== id) throw new Error('correlation id mismatch')
        resolve({ body: decoded.body, frameBytes: response.length })
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)))
      }
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('the broker closed the connection unanswered')))
  })
}
