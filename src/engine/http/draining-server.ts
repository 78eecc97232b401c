// An HTTP server that closes as a front door (see shutdown/front-doors): it stops accepting
// connections and closes the idle keep-alive ones, answers a request that still comes in on an
// open connection 503, lets the requests already running finish and send their answers (each
// on a connection that then closes), answers 503 those still running after the grace (5 s), and
// resolves once every connection is closed (one still in its TLS handshake too).
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { CallsInFlight } from '../shutdown/front-doors'
import { CLOSE_GRACE_MS, settled } from '../shutdown/close-grace'

/** Why a request is refused: it came once closing had begun, or it outlived the grace. */
export type Refusal = 'shutting-down' | 'unfinished'

export interface DrainingServer {
  /** Lets a request in; false when it was refused (`refuse(res, 'shutting-down')`). */
  admit(res: ServerResponse): boolean
  /** True once close has begun (an upgrade is refused too). */
  readonly isClosing: boolean
  /** Closes as above; `alongside` (closing WebSockets) runs while the requests finish. */
  close(alongside?: Promise<void>): Promise<void>
}

export function drainOnClose(
  server: Server,
  refuse: (res: ServerResponse, why: Refusal) => void,
  graceMs = CLOSE_GRACE_MS
): DrainingServer {
  const calls = new CallsInFlight<ServerResponse>()
  // Every connection, also one still in its TLS handshake (an HTTPS server), which
  // closeAllConnections does not know of yet: it would hold close until the client left.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const refuseNow = (res: ServerResponse, why: Refusal) => {
    // The connection closes after the refusal; headers already sent leave nothing to say.
    if (res.writableEnded) return
    if (res.headersSent) return void res.destroy()
    res.shouldKeepAlive = false
    refuse(res, why)
  }
  return {
    admit(res) {
      if (calls.admit(res, new Promise((resolve) => res.once('close', resolve)))) return true
      refuseNow(res, 'shutting-down')
      return false
    },
    get isClosing() {
      return calls.isClosing
    },
    async close(alongside) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      const draining = calls.drain(graceMs)
      // Answers still to come go out with `connection: close`.
      for (const res of calls.calls) res.shouldKeepAlive = false
      server.closeIdleConnections()
      const [unfinished] = await Promise.all([draining, alongside])
      for (const res of unfinished) refuseNow(res, 'unfinished')
      if (!(await settled([closed], graceMs))) {
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      }
      await closed
    }
  }
}
