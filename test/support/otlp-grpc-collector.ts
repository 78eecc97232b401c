// A stand-in OpenTelemetry collector speaking OTLP/gRPC, for export tests: a real gRPC server
// (@grpc/grpc-js) on loopback serving MetricsService/Export, which keeps each call's metadata and
// request bytes and answers with the next status code queued (OK once the queue is empty) and an
// empty ExportMetricsServiceResponse.
import {
  Server,
  ServerCredentials,
  status,
  type Metadata,
  type sendUnaryData,
  type ServerUnaryCall
} from '@grpc/grpc-js'

export interface GrpcCall {
  metadata: Record<string, string>
  body: Buffer
}

export interface GrpcCollector {
  /** The collector's address as the export takes it: http://127.0.0.1:PORT */
  url: string
  port: number
  calls: GrpcCall[]
  /** Answers the next calls with these gRPC status codes, in order (0: OK). */
  answerWith(...codes: number[]): void
  close(): Promise<void>
}

const identity = (b: Buffer) => b

function plain(metadata: Metadata): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(metadata.getMap())) out[key] = String(value)
  return out
}

export async function startGrpcCollector(port = 0): Promise<GrpcCollector> {
  const calls: GrpcCall[] = []
  const codes: number[] = []
  const server = new Server()
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity
      }
    },
    {
      Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        calls.push({ metadata: plain(call.metadata), body: call.request })
        const code = codes.shift() ?? status.OK
        if (code === status.OK) callback(null, Buffer.alloc(0))
        else callback({ code, details: `status ${code} from the test collector` })
      }
    }
  )
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p)
    )
  )
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    calls,
    answerWith: (...c) => codes.push(...c),
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown()
        resolve()
      })
  }
}
