// Starts the whole embedded cluster: the engine, its Kafka listeners and the contract service.
// Shared by the Electron main process and `logdeck serve`.
import { Engine, type EngineOptions } from './engine'
import { BrokerListeners, type ListenerAddress } from './kafka/listeners'
import { handleKafkaConnection } from './kafka/connection'
import { defaultKafkaSettings, type KafkaSettings } from './kafka/request-context'
import { embeddedBackend } from './service/embedded'
import { createService, type Service } from './service/service'

export interface EmbeddedClusterOptions extends EngineOptions {
  /** Interface the Kafka listeners bind to. */
  bindHost?: string
  kafka?: Partial<KafkaSettings>
  log?: (line: string) => void
}

export interface EmbeddedCluster {
  engine: Engine
  service: Service
  listeners: ListenerAddress[]
  close(): Promise<void>
}

export async function startEmbeddedCluster(
  options: EmbeddedClusterOptions
): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {})
  const engine = Engine.open(options)
  const settings = { ...defaultKafkaSettings, ...options.kafka }
  const listeners = new BrokerListeners(engine, options.bindHost ?? '127.0.0.1', (socket, broker) =>
    handleKafkaConnection(socket, { engine, broker, settings, log })
  )
  try {
    const addresses = await listeners.start()
    return {
      engine,
      service: createService(embeddedBackend(engine)),
      listeners: addresses,
      close: async () => {
        await listeners.close()
        await engine.close()
      }
    }
  } catch (err) {
    await listeners.close()
    await engine.close()
    throw err
  }
}
