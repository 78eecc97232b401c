// `logdeck certs`: the broker certificate is signed by the CA, names the loopback addresses and
// serves a real TLS handshake that verifies against the CA, with the client certificate too.
import { createPrivateKey, X509Certificate } from 'node:crypto'
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { createDevCertificates } from '../../../src/server/dev-certificates'

describe('development certificates', () => {
  const certs = createDevCertificates()

  it('signs the broker and client certificates with the CA', () => {
    const ca = new X509Certificate(certs.ca)
    const server = new X509Certificate(certs.cert)
    const client = new X509Certificate(certs.clientCert)
    expect(ca.ca).toBe(true)
    expect(server.ca).toBe(false)
    expect(server.verify(ca.publicKey)).toBe(true)
    expect(client.verify(ca.publicKey)).toBe(true)
    expect(server.checkIssued(ca)).toBe(true)
    expect(server.checkHost('localhost')).toBe('localhost')
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(server.checkIP('10.0.0.1')).toBeUndefined()
    expect(server.checkPrivateKey(createPrivateKey(certs.key))).toBe(true)
  })

  it('serves a TLS handshake that verifies against the CA, with a client certificate', async () => {
    const server = tls.createServer(
      {
        cert: certs.cert,
        key: certs.key,
        ca: certs.ca,
        requestCert: true,
        rejectUnauthorized: true
      },
      (s) => s.end('hello')
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const port = (server.address() as { port: number }).port
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const s = tls.connect(
          { host: '127.0.0.1', port, ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
          () => {
            let got = ''
            s.setEncoding('utf8').on('data', (d: string) => (got += d))
            s.on('end', () => resolve(got))
          }
        )
        s.on('error', reject)
      })
      expect(text).toBe('hello')
    } finally {
      server.close()
    }
  })
})
