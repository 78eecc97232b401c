// One client connection to a simulated broker.
import type net from 'node:net'
import type { Engine } from '../engine'
import type { SimulatedBroker } from '../cluster/brokers'

export function handleKafkaConnection(
  _engine: Engine,
  socket: net.Socket,
  broker: SimulatedBroker,
  log: (line: string) => void
): void {
  socket.on('error', () => socket.destroy())
  socket.once('data', () => {
    log(
      `broker ${broker.id}: the Kafka protocol is not served yet; closing ${socket.remoteAddress}`
    )
    socket.destroy()
  })
}
