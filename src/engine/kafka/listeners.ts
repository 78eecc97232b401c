// One TCP listener per running simulated broker. Stopping a broker closes its listener and
// its client connections; starting it opens them again on the same port. With TLS options the
// listeners speak TLS, and a failed handshake (a plaintext client, an untrusted certificate)
// is a log line. A connection over its IP's connection_creation_rate quota is held unread for the
// throttle time and then closed, as Kafka's ConnectionQuotas does. A connection over the broker's
// max.connection.creation.rate (or its listener's) is taken only once the broker's acceptor has
// waited the throttle time, and later connections wait their turn behind it, as Kafka's acceptor
// thread blocks; then it is served.
import net from 'node:net'
import type tls from 'node:tls'
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'

export type ConnectionHandler = (socket: net.Socket, broker: SimulatedBroker) => void

export interface ListenerAddress {
  brokerId: number
  host: string
  port: number
}

export interface ConnectionLimits {
  /** max.connections: over every listener. */
  maxConnections: number
  /** max.connections.per.ip */
  maxConnectionsPerIp: number
}

export class BrokerListeners {
  private readonly servers = new Map<number, net.Server>()
  private readonly sockets = new Map<number, Set<net.Socket>>()
  private readonly perIp = new Map<string, number>()
  /** Connections held unread until their connection_creation_rate throttle is over. */
  private readonly held = new Map<number, Set<net.Socket>>()
  /** Their peers (address:port), so that a TLS listener serves none of them. */
  private readonly heldPeers = new Set<string>()
  /** Per broker: connections waiting for its acceptor, which max.connection.creation.rate holds. */
  private readonly acceptQueue = new Map<number, net.Socket[]>()
  private readonly acceptorWaiting = new Map<
    number,
    { socket: net.Socket; timer: NodeJS.Timeout }
  >()
  /** TLS connections whose acceptor waits: served once it has taken them. */
  private readonly delayedPeers = new Map<string, (() => void)[]>()
  private total = 0
  private unsubscribe: (() => void) | undefined

  constructor(
    private readonly engine: Engine,
    private readonly bindHost: string,
    private readonly handler: ConnectionHandler,
    private readonly limits: ConnectionLimits = {
      maxConnections: Number.MAX_SAFE_INTEGER,
      maxConnectionsPerIp: Number.MAX_SAFE_INTEGER
    },
    private readonly log: (line: string) => void = () => {},
    private readonly tlsOptions?: tls.TlsOptions,
    /** The listener's name (its security protocol), for listener.name.<name>.* configs. */
    private readonly listenerName = 'PLAINTEXT'
  ) {}

  /** Client connections open now, over every listener. */
  get connectionCount(): number {
    return this.total
  }

  /** Counts a new connection, or refuses it (false) when a limit is reached. */
  private admit(socket: net.Socket, brokerId: number): boolean {
    const ip = socket.remoteAddress ?? '?'
    const fromIp = this.perIp.get(ip) ?? 0
    const refuse =
      this.total >= this.limits.maxConnections
        ? `max.connections (${this.limits.maxConnections}) reached`
        : fromIp >= this.limits.maxConnectionsPerIp
          ? `max.connections.per.ip (${this.limits.maxConnectionsPerIp}) reached for ${ip}`
          : null
    if (refuse) {
      this.log(`broker ${brokerId}: refusing a connection from ${ip}: ${refuse}`)
      socket.destroy()
      return false
    }
    const throttleMs = this.connectionThrottleMs(ip, brokerId)
    if (throttleMs > 0) {
      this.log(
        `broker ${brokerId}: closing a connection from ${ip} in ${throttleMs} ms: over its connection_creation_rate quota`
      )
      this.holdThenClose(socket, brokerId, throttleMs)
      return false
    }
    this.total++
    this.perIp.set(ip, fromIp + 1)
    socket.once('close', () => {
      this.total--
      const left = (this.perIp.get(ip) ?? 1) - 1
      if (left <= 0) this.perIp.delete(ip)
      else this.perIp.set(ip, left)
    })
    return true
  }

  /** The throttle a new connection from `ip` owes its connection_creation_rate quota. */
  private connectionThrottleMs(ip: string, brokerId: number): number {
    if (!this.engine.clientQuotaSet('connection_creation_rate')) return 0
    // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d; its quota is a.b.c.d's.
    const address = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip
    return this.engine.useConnectionQuota(address, brokerId, Date.now())
  }

  /**
   * Kafka's acceptor keeps a throttled connection, reading nothing, until its throttle is over,
   * then closes it: a client that reconnects at once is slowed down. (On a TLS listener the
   * handshake may go on meanwhile; nothing is served on it.)
   */
  private holdThenClose(socket: net.Socket, brokerId: number, ms: number): void {
    socket.pause()
    const set = this.held.get(brokerId) ?? new Set()
    this.held.set(brokerId, set)
    set.add(socket)
    const peer = peerOf(socket)
    this.heldPeers.add(peer)
    const timer = setTimeout(() => socket.destroy(), ms)
    socket.once('close', () => {
      clearTimeout(timer)
      set.delete(socket)
      this.heldPeers.delete(peer)
    })
    socket.on('error', () => socket.destroy())
  }

  /**
   * The acceptor takes a connection: at once within max.connection.creation.rate, else after
   * waiting the throttle time, the connections arriving meanwhile queued behind it.
   */
  private take(socket: net.Socket, broker: SimulatedBroker): void {
    const waitMs = this.engine.useConnectionCreationRate(broker.id, this.listenerName, Date.now())
    if (waitMs <= 0) {
      this.serve(socket, broker)
      return
    }
    this.log(
      `broker ${broker.id}: taking a connection from ${socket.remoteAddress ?? '?'} in ${waitMs} ms: over max.connection.creation.rate`
    )
    socket.pause()
    const peer = peerOf(socket)
    if (this.tlsOptions && !this.delayedPeers.has(peer)) this.delayedPeers.set(peer, [])
    const timer = setTimeout(() => {
      this.acceptorWaiting.delete(broker.id)
      if (!socket.destroyed) this.serve(socket, broker)
      const queue = this.acceptQueue.get(broker.id) ?? []
      while (queue.length > 0 && !this.acceptorWaiting.has(broker.id)) {
        const next = queue.shift()!
        if (next.destroyed) this.delayedPeers.delete(peerOf(next))
        else this.take(next, broker)
      }
    }, waitMs)
    this.acceptorWaiting.set(broker.id, { socket, timer })
  }

  /** Counts the connection against the limits and hands it to the Kafka handler. */
  private serve(socket: net.Socket, broker: SimulatedBroker): void {
    const peer = peerOf(socket)
    const waiting = this.delayedPeers.get(peer)
    this.delayedPeers.delete(peer)
    // Resumed before the handler reads it; held again at once if a per-IP quota closes it.
    socket.resume()
    if (!this.admit(socket, broker.id)) return
    const set = this.sockets.get(broker.id) ?? new Set()
    this.sockets.set(broker.id, set)
    set.add(socket)
    socket.on('close', () => set.delete(socket))
    if (this.tlsOptions) {
      socket.setNoDelay(true)
      for (const serveTls of waiting ?? []) serveTls()
    } else this.handler(socket, broker)
  }

  /** Opens a listener for every running broker and follows broker stops and starts. */
  async start(): Promise<ListenerAddress[]> {
    await Promise.all(this.engine.onlineBrokers().map((b) => this.open(b)))
    this.unsubscribe = this.engine.on('cluster.changed', ({ brokerId }) => {
      if (brokerId === undefined) return
      const broker = this.engine.broker(brokerId)
      if (!broker) return
      if (broker.status === 'online' && !this.servers.has(brokerId)) void this.open(broker)
      if (broker.status === 'stopped') this.closeOne(brokerId)
    })
    return this.addresses()
  }

  addresses(): ListenerAddress[] {
    return this.engine
      .listBrokers()
      .filter((b) => this.servers.has(b.id))
      .map((b) => ({ brokerId: b.id, host: b.host, port: b.port }))
  }

  private open(broker: SimulatedBroker): Promise<void> {
    const server = this.tlsOptions
      ? // node:tls loads only for a TLS listener.
        process.getBuiltinModule('node:tls').createServer(this.tlsOptions, (socket) => {
          const peer = peerOf(socket)
          if (this.heldPeers.has(peer)) return
          const waiting = this.delayedPeers.get(peer)
          if (waiting) waiting.push(() => this.handler(socket, broker))
          else this.handler(socket, broker)
        })
      : net.createServer({ noDelay: true })
    // Every TCP connection is counted and tracked, before any TLS handshake.
    server.on('connection', (socket: net.Socket) => {
      if (this.acceptorWaiting.has(broker.id)) {
        // The acceptor is held back: this connection waits its turn.
        socket.pause()
        if (this.tlsOptions) this.delayedPeers.set(peerOf(socket), [])
        const queue = this.acceptQueue.get(broker.id) ?? []
        this.acceptQueue.set(broker.id, queue)
        queue.push(socket)
        return
      }
      this.take(socket, broker)
    })
    server.on('tlsClientError', (err: Error, socket: tls.TLSSocket) => {
      const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
      this.log(`broker ${broker.id}: TLS handshake with ${peer} failed: ${tlsFailure(err)}`)
    })
    this.servers.set(broker.id, server)
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        this.servers.delete(broker.id)
        const why = err.code === 'EADDRINUSE' ? 'the port is already in use' : err.message
        reject(
          new Error(`broker ${broker.id} cannot listen on ${this.bindHost}:${broker.port}: ${why}`)
        )
      })
      server.listen(broker.port, this.bindHost, () => {
        const addr = server.address()
        // Port 0 asks the OS for a free port; clients must be told the real one.
        if (addr && typeof addr === 'object') broker.port = addr.port
        resolve()
      })
    })
  }

  private closeOne(brokerId: number): Promise<void> {
    const server = this.servers.get(brokerId)
    if (!server) return Promise.resolve()
    this.servers.delete(brokerId)
    for (const s of this.sockets.get(brokerId) ?? []) s.destroy()
    this.sockets.delete(brokerId)
    for (const s of this.held.get(brokerId) ?? []) s.destroy()
    this.held.delete(brokerId)
    const waiting = this.acceptorWaiting.get(brokerId)
    if (waiting) clearTimeout(waiting.timer)
    this.acceptorWaiting.delete(brokerId)
    for (const s of [
      ...(this.acceptQueue.get(brokerId) ?? []),
      ...(waiting ? [waiting.socket] : [])
    ]) {
      this.delayedPeers.delete(peerOf(s))
      s.destroy()
    }
    this.acceptQueue.delete(brokerId)
    return new Promise((resolve) => server.close(() => resolve()))
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    await Promise.all([...this.servers.keys()].map((id) => this.closeOne(id)))
  }
}

/** Why a TLS handshake failed, in words a developer recognises. */
function tlsFailure(err: Error & { code?: string }): string {
  const code = err.code ?? ''
  if (/WRONG_VERSION_NUMBER|HTTP_REQUEST|UNKNOWN_PROTOCOL/.test(code))
    return 'the client does not speak TLS (is it configured for PLAINTEXT?)'
  if (/PEER_DID_NOT_RETURN_A_CERTIFICATE|NO_CERTIFICATE/.test(code))
    return 'the client sent no certificate, and this listener requires one (--tls-ca)'
  return err.message
}

/** A connection's peer, the same for a TCP socket and the TLS socket over it. */
function peerOf(socket: net.Socket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
}
