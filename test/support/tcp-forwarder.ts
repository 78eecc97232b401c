// TCP forwarders on consecutive ports, standing in for a port mapping or proxy in front of the
// brokers (Docker's -p 19092:9092): each pipes every connection to its target once it has one.
import net from 'node:net'

export interface Forwarder {
  /** The port it listens on (127.0.0.1). */
  readonly port: number
  /** Where its connections go; connections before a target is set are closed. */
  target: { host: string; port: number } | null
  /** Connections it has forwarded. */
  readonly forwarded: number
}

export interface Forwarders {
  readonly list: Forwarder[]
  /** The first forwarder's port; forwarder i listens on firstPort + i. */
  readonly firstPort: number
  close(): Promise<void>
}

function listen(server: net.Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => resolve(true))
  })
}

/** `count` forwarders on consecutive free ports. */
export async function startForwarders(count: number): Promise<Forwarders> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 40_000)
    const servers: net.Server[] = []
    const sockets = new Set<net.Socket>()
    const list = Array.from({ length: count }, (_, i) => {
      const f = { port: first + i, target: null as Forwarder['target'], forwarded: 0 }
      servers.push(
        net.createServer((client) => {
          sockets.add(client)
          client.once('close', () => sockets.delete(client))
          client.on('error', () => client.destroy())
          if (!f.target) return client.destroy()
          f.forwarded++
          const upstream = net.connect(f.target.port, f.target.host)
          sockets.add(upstream)
          upstream.once('close', () => {
            sockets.delete(upstream)
            client.destroy()
          })
          upstream.on('error', () => upstream.destroy())
          client.once('close', () => upstream.destroy())
          client.pipe(upstream).pipe(client)
        })
      )
      return f
    })
    const ok = await Promise.all(servers.map((s, i) => listen(s, first + i)))
    const close = async () => {
      for (const s of sockets) s.destroy()
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))
        )
      )
    }
    if (ok.every(Boolean)) return { list, firstPort: first, close }
    await close()
  }
  throw new Error(`no ${count} consecutive free ports found`)
}
