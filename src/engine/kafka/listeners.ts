// One of the cluster's named listeners (Kafka's `listeners`): a TCP acceptor per running
// simulated broker. Stopping a broker closes its acceptor and its client connections; starting it
// opens them again on the same port. With TLS options the listener speaks TLS, and a failed
// handshake (a plaintext client, an untrusted certificate) is a log line. A connection over its IP's connection_creation_rate quota is held unread for the
// throttle time and then closed, as Kafka's ConnectionQuotas does. A connection over the broker's
// max.connection.creation.rate (or its listener's) is taken only once the broker's acceptor has
// waited the throttle time, and later connections wait their turn behind it, as Kafka's acceptor
// thread blocks; then it is served. A broker holding max.connections over all its listeners (or
// this listener's) holds its acceptor the same way until one of them closes; connections over max.connections.per.ip are
// closed. At most socket.listen.backlog.size connections wait for an acceptor; more are closed.
import net from 'node:net'
import type tls from 'node:tls'
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'
import { ConnectionCounts, addressOf, connectionLimitsOn } from './connection-limits'
import type { SecurityProtocol } from './security/listener-security'
import { advertisedAddress, type AdvertisedListener } from './advertised-listeners'

export type ConnectionHandler = (socket: net.Socket, broker: SimulatedBroker) => void

/** One listener of every broker, as `--listener NAME=PROTOCOL:PORT` describes it. */
export interface ListenerSpec {
  /** Kafka's listener name, for listener.name.<name>.* configs and the endpoints of its clients. */
  name: string
  securityProtocol: SecurityProtocol
  /**
   * Port of broker 0 (broker i listens on port + i; 0 picks free ports); absent, the brokers' own
   * ports: the first listener's.
   */
  port?: number
  /** Each broker's own port on this listener, by broker id (0: a free one), over `port`'s. */
  brokerPorts?: readonly number[]
  handler: ConnectionHandler
  /**
   * Kafka's `advertised.listeners` for this listener: the host and port of broker 0 clients are
   * told to connect to (broker i: port + i, or its own in `brokers`), when a proxy or port
   * mapping stands in front.
   */
  advertised?: Pick<AdvertisedListener, 'host' | 'port' | 'brokers'>
  /** Set, the listener speaks TLS. */
  tlsOptions?: tls.TlsOptions
}

/** What the listeners of one cluster share: each broker's connections over all of them. */
export interface ListenerGroup {
  /** Connections per broker and per address, over all the broker's listeners. */
  readonly counts: ConnectionCounts
  /** A connection closed: the broker's acceptors waiting for a free slot may go on. */
  released(brokerId: number): void
}

export interface ListenerAddress {
  brokerId: number
  host: string
  /** The port it listens on. */
  port: number
  /** Where clients are told to connect, when the listener is advertised elsewhere. */
  advertised?: { host: string; port: number }
}

/** A broker's acceptor, held back with the connection it is taking. */
interface HeldAcceptor {
  socket: net.Socket
  broker: SimulatedBroker
  /** Set while max.connection.creation.rate's throttle runs. */
  timer: NodeJS.Timeout | undefined
  /** Whether the wait for a free connection slot has been logged. */
  waitLogged: boolean
}

export class BrokerListeners {
  private readonly servers = new Map<number, net.Server>()
  private readonly sockets = new Map<number, Set<net.Socket>>()
  /** The sockets handed to the Kafka handler per broker (on TLS listeners, the TLS sockets). */
  private readonly handled = new Map<number, Set<net.Socket>>()
  /** Connections per broker on this listener alone. */
  private readonly counts = new ConnectionCounts()
  /** Connections held unread until their connection_creation_rate throttle is over. */
  private readonly held = new Map<number, Set<net.Socket>>()
  /** Their peers (address:port), so that a TLS listener serves none of them. */
  private readonly heldPeers = new Set<string>()
  /** Per broker: connections waiting for its acceptor, which max.connection.creation.rate holds. */
  private readonly acceptQueue = new Map<number, net.Socket[]>()
  private readonly acceptorWaiting = new Map<number, HeldAcceptor>()
  /** TLS connections whose acceptor waits: served once it has taken them. */
  private readonly delayedPeers = new Map<string, (() => void)[]>()
  private unsubscribe: (() => void) | undefined
  /** socket.listen.backlog.size, read at start as Kafka does. */
  private readonly backlog: number

  private readonly handler: ConnectionHandler
  private readonly tlsOptions: tls.TlsOptions | undefined
  private readonly listenerName: string

  constructor(
    private readonly engine: Engine,
    private readonly bindHost: string,
    private readonly spec: ListenerSpec,
    private readonly group: ListenerGroup,
    private readonly log: (line: string) => void = () => {}
  ) {
    this.handler = spec.handler
    this.tlsOptions = spec.tlsOptions
    this.listenerName = spec.name
    this.backlog = Number(engine.brokerConfig('socket.listen.backlog.size') ?? 50)
  }

  /** What a broker's acceptor on this listener is called in log lines. */
  private acceptorOf(brokerId: number): string {
    return this.spec.port === undefined
      ? `broker ${brokerId}`
      : `broker ${brokerId} (listener ${this.listenerName})`
  }

  private limitsOf(brokerId: number) {
    return connectionLimitsOn(
      (name, id) => this.engine.brokerConfigOn(name, id),
      brokerId,
      this.listenerName
    )
  }

  /** Whether a broker may take one more connection (max.connections, its listener's). */
  private slotFree(brokerId: number): boolean {
    const limits = this.limitsOf(brokerId)
    return (
      this.group.counts.total(brokerId) < limits.maxConnections &&
      this.counts.total(brokerId) < limits.listenerMaxConnections
    )
  }

  /**
   * Counts a connection the acceptor has taken, or closes it (false) as Kafka does: over its
   * address's connection_creation_rate quota (held first), or over max.connections.per.ip.
   */
  private admit(socket: net.Socket, broker: SimulatedBroker): boolean {
    const address = addressOf(socket.remoteAddress)
    const throttleMs = this.engine.clientQuotaSet('connection_creation_rate')
      ? this.engine.useConnectionQuota(address, broker.id, Date.now())
      : 0
    if (throttleMs > 0) {
      this.log(
        `${this.acceptorOf(broker.id)}: closing a connection from ${address} in ${throttleMs} ms: over its connection_creation_rate quota`
      )
      this.holdThenClose(socket, broker.id, throttleMs)
      return false
    }
    const limits = this.limitsOf(broker.id)
    const perIp = limits.perIpOverrides.get(address) ?? limits.maxConnectionsPerIp
    if (this.group.counts.fromAddress(broker.id, address) >= perIp) {
      const config = limits.perIpOverrides.has(address)
        ? 'max.connections.per.ip.overrides'
        : 'max.connections.per.ip'
      this.log(
        `${this.acceptorOf(broker.id)}: refusing a connection from ${address}: ${config} (${perIp}) reached for ${address}`
      )
      socket.destroy()
      return false
    }
    const uncountBroker = this.group.counts.add(broker.id, address)
    const uncount = this.counts.add(broker.id, address)
    socket.once('close', () => {
      uncountBroker()
      uncount()
      this.group.released(broker.id)
    })
    return true
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
   * The acceptor takes a connection: at once within max.connection.creation.rate and with a
   * connection slot free, else it waits (the throttle time, then for a slot) holding this one,
   * the connections arriving meanwhile queued behind it.
   */
  private take(socket: net.Socket, broker: SimulatedBroker): void {
    const waitMs = this.engine.useConnectionCreationRate(broker.id, this.listenerName, Date.now())
    if (waitMs <= 0 && this.slotFree(broker.id)) {
      this.serve(socket, broker)
      return
    }
    socket.pause()
    const peer = peerOf(socket)
    if (this.tlsOptions && !this.delayedPeers.has(peer)) this.delayedPeers.set(peer, [])
    const held: HeldAcceptor = { socket, broker, timer: undefined, waitLogged: false }
    this.acceptorWaiting.set(broker.id, held)
    if (waitMs > 0) {
      this.log(
        `${this.acceptorOf(broker.id)}: taking a connection from ${addressOf(socket.remoteAddress)} in ${waitMs} ms: over max.connection.creation.rate`
      )
      held.timer = setTimeout(() => {
        held.timer = undefined
        this.release(broker.id)
      }, waitMs)
    } else this.release(broker.id)
  }

  /**
   * Lets a held acceptor go on once its throttle is over and a slot is free: it serves the
   * connection it holds, then takes the queued ones in turn.
   */
  release(brokerId: number): void {
    const held = this.acceptorWaiting.get(brokerId)
    if (!held || held.timer) return
    const { socket, broker } = held
    if (!socket.destroyed && !this.slotFree(brokerId)) {
      if (!held.waitLogged) {
        held.waitLogged = true
        const limits = this.limitsOf(brokerId)
        const [config, bound] =
          this.counts.total(brokerId) >= limits.listenerMaxConnections
            ? [limits.listenerConfig, limits.listenerMaxConnections]
            : ['max.connections', limits.maxConnections]
        this.log(
          `${this.acceptorOf(brokerId)}: ${config} (${bound}) reached: a connection from ${addressOf(socket.remoteAddress)} waits until one closes`
        )
      }
      return
    }
    this.acceptorWaiting.delete(brokerId)
    if (socket.destroyed) this.delayedPeers.delete(peerOf(socket))
    else this.serve(socket, broker)
    const queue = this.acceptQueue.get(brokerId) ?? []
    while (queue.length > 0 && !this.acceptorWaiting.has(brokerId)) {
      const next = queue.shift()!
      if (next.destroyed) this.delayedPeers.delete(peerOf(next))
      else this.take(next, broker)
    }
  }

  /** A connection arriving while the broker's acceptor is held waits its turn, up to the backlog. */
  private queue(socket: net.Socket, brokerId: number): void {
    const queue = this.acceptQueue.get(brokerId) ?? []
    this.acceptQueue.set(brokerId, queue)
    if (queue.length >= this.backlog) {
      this.log(
        `${this.acceptorOf(brokerId)}: closing a connection from ${addressOf(socket.remoteAddress)}: socket.listen.backlog.size (${this.backlog}) connections already wait for the acceptor`
      )
      socket.destroy()
      return
    }
    socket.pause()
    if (this.tlsOptions) this.delayedPeers.set(peerOf(socket), [])
    queue.push(socket)
  }

  /** Counts the connection against the limits and hands it to the Kafka handler. */
  private serve(socket: net.Socket, broker: SimulatedBroker): void {
    const peer = peerOf(socket)
    const waiting = this.delayedPeers.get(peer)
    this.delayedPeers.delete(peer)
    // Resumed before the handler reads it; held again at once if a per-IP quota closes it.
    socket.resume()
    if (!this.admit(socket, broker)) return
    const set = this.sockets.get(broker.id) ?? new Set()
    this.sockets.set(broker.id, set)
    set.add(socket)
    socket.on('close', () => set.delete(socket))
    if (this.tlsOptions) {
      socket.setNoDelay(true)
      for (const serveTls of waiting ?? []) serveTls()
    } else this.hand(socket, broker)
  }

  /** Gives the Kafka handler a connection (the TLS socket on a TLS listener), tracked till it closes. */
  private hand(socket: net.Socket, broker: SimulatedBroker): void {
    const set = this.handled.get(broker.id) ?? new Set()
    this.handled.set(broker.id, set)
    set.add(socket)
    socket.once('close', () => set.delete(socket))
    this.handler(socket, broker)
  }

  /** Opens a listener for every running broker and follows broker stops and starts. */
  async start(): Promise<ListenerAddress[]> {
    await Promise.all(this.engine.onlineBrokers().map((b) => this.open(b)))
    // A limit raised at run time frees the acceptors it held.
    this.engine.onBrokerConfigsChanged(() => {
      for (const id of [...this.acceptorWaiting.keys()]) this.release(id)
    })
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
      .map((b) => {
        const { port, advertised } = this.endpointOf(b)
        return { brokerId: b.id, host: b.host, port, ...(advertised ? { advertised } : {}) }
      })
  }

  /**
   * The broker's endpoint on this listener, made at the first open: the first broker (in id
   * order) on the listener's port, the i-th on port + i (or free ports for 0), or the i-th of
   * `brokerPorts`; the first listener uses the broker's own.
   * An advertised listener tells clients its host and port + i instead, or the i-th broker's own.
   */
  endpointOf(broker: SimulatedBroker) {
    let endpoint = broker.endpoints.find((e) => e.listener === this.listenerName)
    if (!endpoint) {
      const base = this.spec.port
      const own = this.spec.brokerPorts?.[broker.index]
      endpoint = {
        listener: this.listenerName,
        securityProtocol: this.spec.securityProtocol,
        port:
          own !== undefined
            ? own
            : base === undefined
              ? broker.port
              : base === 0
                ? 0
                : base + broker.index,
        ...(this.spec.advertised
          ? { advertised: advertisedAddress(this.spec.advertised, broker.index) }
          : {})
      }
      broker.endpoints.push(endpoint)
    }
    return endpoint
  }

  /**
   * ssl.client.auth=requested: a client may present no certificate, but one it presents must be
   * trusted, else its connection is closed with a log line.
   */
  private trusted(socket: tls.TLSSocket, brokerId: number): boolean {
    if (!this.tlsOptions?.requestCert || this.tlsOptions.rejectUnauthorized !== false) return true
    if (socket.authorized || !socket.getPeerCertificate()?.raw) return true
    this.log(
      `${this.acceptorOf(brokerId)}: closing the TLS connection of ${peerOf(socket)}: its client certificate is not trusted (${String(socket.authorizationError)})`
    )
    socket.destroy()
    return false
  }

  private open(broker: SimulatedBroker): Promise<void> {
    const server = this.tlsOptions
      ? // node:tls loads only for a TLS listener.
        process.getBuiltinModule('node:tls').createServer(this.tlsOptions, (socket) => {
          const peer = peerOf(socket)
          if (this.heldPeers.has(peer)) return
          if (!this.trusted(socket, broker.id)) return
          const waiting = this.delayedPeers.get(peer)
          if (waiting) waiting.push(() => this.hand(socket, broker))
          else this.hand(socket, broker)
        })
      : net.createServer({ noDelay: true })
    // Every TCP connection is counted and tracked, before any TLS handshake.
    server.on('connection', (socket: net.Socket) => {
      // The acceptor is held back: this connection waits its turn.
      if (this.acceptorWaiting.has(broker.id)) this.queue(socket, broker.id)
      else this.take(socket, broker)
    })
    server.on('tlsClientError', (err: Error, socket: tls.TLSSocket) => {
      const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
      this.log(
        `${this.acceptorOf(broker.id)}: TLS handshake with ${peer} failed: ${tlsFailure(err, this.tlsOptions)}`
      )
    })
    this.servers.set(broker.id, server)
    const endpoint = this.endpointOf(broker)
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        this.servers.delete(broker.id)
        const why = err.code === 'EADDRINUSE' ? 'the port is already in use' : err.message
        reject(
          new Error(
            `${this.acceptorOf(broker.id)} cannot listen on ${this.bindHost}:${endpoint.port}: ${why}`
          )
        )
      })
      server.listen({ port: endpoint.port, host: this.bindHost, backlog: this.backlog }, () => {
        const addr = server.address()
        // Port 0 asks the OS for a free port; clients must be told the real one.
        if (addr && typeof addr === 'object') {
          endpoint.port = addr.port
          if (this.spec.port === undefined) broker.port = addr.port
        }
        resolve()
      })
    })
  }

  /**
   * Stops the broker's acceptor and closes its connections; resolves once each connection's
   * close handlers have run (a closing server reports closed before its sockets' 'close' events,
   * which come a turn of the event loop later), so that the engine is still open for them.
   */
  private async closeOne(brokerId: number): Promise<void> {
    const server = this.servers.get(brokerId)
    if (!server) return
    this.servers.delete(brokerId)
    const waiting = this.acceptorWaiting.get(brokerId)
    if (waiting?.timer) clearTimeout(waiting.timer)
    this.acceptorWaiting.delete(brokerId)
    const queued = [...(this.acceptQueue.get(brokerId) ?? []), ...(waiting ? [waiting.socket] : [])]
    for (const s of queued) this.delayedPeers.delete(peerOf(s))
    this.acceptQueue.delete(brokerId)
    const sockets = [
      ...(this.handled.get(brokerId) ?? []),
      ...(this.sockets.get(brokerId) ?? []),
      ...(this.held.get(brokerId) ?? []),
      ...queued
    ]
    this.handled.delete(brokerId)
    this.sockets.delete(brokerId)
    this.held.delete(brokerId)
    for (const s of sockets) s.destroy()
    await Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      ...sockets.map(
        (s) =>
          new Promise<void>((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())))
      )
    ])
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    await Promise.all([...this.servers.keys()].map((id) => this.closeOne(id)))
  }
}

/** Why a TLS handshake failed, in words a developer recognises. */
function tlsFailure(err: Error & { code?: string }, options: tls.TlsOptions | undefined): string {
  const code = err.code ?? ''
  if (/UNSUPPORTED_PROTOCOL|VERSION_TOO_LOW|VERSION_TOO_HIGH/.test(code)) {
    const { minVersion: min, maxVersion: max } = options ?? {}
    return `the client offers no TLS version this listener speaks (${min === max ? min : `${min} to ${max}`}, ssl.enabled.protocols)`
  }
  if (/NO_SHARED_CIPHER/.test(code))
    return 'the client offers no cipher suite this listener takes (ssl.cipher.suites)'
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
