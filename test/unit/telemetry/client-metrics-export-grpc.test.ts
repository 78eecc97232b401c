// The export of pushed client metrics over OTLP/gRPC, against a real gRPC server on loopback
// (@grpc/grpc-js, test/support/otlp-grpc-collector.ts): each payload one MetricsService/Export call
// with the headers as metadata and the broker-added labels in it; UNAVAILABLE and a collector that
// is not there sent again, INVALID_ARGUMENT dropped; an address with a path refused; and the
// protocol kept with the rest of what the console set.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import {
  checkClientMetricsExport,
  ClientMetricsExporter
} from '../../../src/engine/telemetry/client-metrics-export'
import { ClientMetricsExportSlot } from '../../../src/engine/telemetry/client-metrics-export-slot'
import { openDatabase } from '../../../src/engine/storage/database'
import { producerMetrics } from '../../support/otlp-payload'
import { attributesOf, readMetricsData } from '../../support/otlp-collector'
import { startGrpcCollector, type GrpcCollector } from '../../support/otlp-grpc-collector'
import { clientInstance } from '../../support/client-instance'
import { waitFor } from '../../support/wait-for'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function collector(port = 0): Promise<GrpcCollector> {
  const c = await startGrpcCollector(port)
  closing.push(() => c.close())
  return c
}

function exporter(url: string, headers: Record<string, string> = {}) {
  const lines: string[] = []
  const e = new ClientMetricsExporter({ url, protocol: 'grpc', headers }, (l) => lines.push(l))
  closing.push(() => e.close())
  const instance = clientInstance('0b7c4f4e-2f43-4a0c-9a57-1c7b0f6f5a21', {
    clientId: 'payments',
    softwareName: 'librdkafka',
    softwareVersion: '2.15.1',
    sourceAddress: '127.0.0.1',
    sourcePort: 51234,
    principal: 'User:alice',
    connectionId: 'c1',
    brokerId: 1
  })
  return { e, lines, push: () => e.pushed(instance, null, 0, producerMetrics('payments', 1, 2)) }
}

/** A loopback port nothing listens on (taken, then given back). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('OTLP/gRPC export', () => {
  it('makes one Export call a payload, with the headers as metadata and the labels added', async () => {
    const c = await collector()
    const { e, push } = exporter(c.url, { Authorization: 'Bearer s3cret', 'X-Tenant': 'dev' })
    push()
    push()
    await waitFor('two exports', () => e.status().exported === 2)
    expect(c.calls).toHaveLength(2)
    expect(c.calls[0].metadata).toMatchObject({ authorization: 'Bearer s3cret', 'x-tenant': 'dev' })
    const sent = readMetricsData(c.calls[0].body)
    expect(sent.resources[0].metricNames).toContain('org.apache.kafka.producer.record.send.rate')
    expect(attributesOf(sent.resources[0].attributes)).toMatchObject({
      client_id: 'payments',
      client_software_name: 'librdkafka',
      principal: 'User:alice',
      node_id: '1'
    })
    expect(e.status()).toMatchObject({
      url: c.url,
      protocol: 'grpc',
      headers: ['Authorization', 'X-Tenant'],
      exported: 2,
      failed: 0,
      dropped: 0,
      pending: 0,
      lastError: null
    })
  })

  it('sends a payload again after UNAVAILABLE, and drops one refused with INVALID_ARGUMENT', async () => {
    const c = await collector()
    const { e, lines, push } = exporter(c.url)
    c.answerWith(14)
    push()
    await waitFor('the export after a retry', () => e.status().exported === 1, 20_000)
    expect(c.calls).toHaveLength(2)
    expect(c.calls[1].body.equals(c.calls[0].body)).toBe(true)
    expect(lines[0]).toBe(
      `client metrics export to ${c.url} failed: gRPC 14: status 14 from the test collector (sending again)`
    )
    expect(lines[1]).toBe(`client metrics export to ${c.url} works again`)

    c.answerWith(3)
    push()
    await waitFor('the refusal', () => e.status().failed === 1)
    expect(c.calls).toHaveLength(3)
    expect(e.status()).toMatchObject({ exported: 1, failed: 1, dropped: 0, pending: 0 })
    expect(e.status().lastError?.message).toBe('gRPC 3: status 3 from the test collector')
  })

  it('keeps a payload for a collector that is not there yet and sends it once it is', async () => {
    const port = await freePort()
    const { e, push } = exporter(`http://127.0.0.1:${port}`)
    push()
    await waitFor('the failure', () => e.status().lastError !== null, 20_000)
    expect(e.status()).toMatchObject({ exported: 0, failed: 0 })
    expect(e.status().lastError?.message).toMatch(/^gRPC 14: /)
    const c = await collector(port)
    await waitFor('the export once the collector listens', () => e.status().exported === 1, 30_000)
    expect(c.calls).toHaveLength(1)
  })

  it('refuses an address with a path and a protocol it does not know', () => {
    expect(() =>
      checkClientMetricsExport({ url: 'http://127.0.0.1:4317/v1/metrics', protocol: 'grpc' })
    ).toThrow("an OTLP/gRPC endpoint is the collector's address without a path")
    expect(() =>
      checkClientMetricsExport({ url: 'grpc://127.0.0.1:4317', protocol: 'grpc' })
    ).toThrow('must be http: or https: (https: for gRPC over TLS)')
    expect(() =>
      checkClientMetricsExport({
        url: 'http://127.0.0.1:4317',
        protocol: 'http/json' as never
      })
    ).toThrow("'http/json' is not an OTLP protocol: http/protobuf or grpc")
    expect(checkClientMetricsExport({ url: 'http://127.0.0.1:4318/v1/metrics' }).protocol).toBe(
      'http/protobuf'
    )
  })

  it('keeps the protocol the console set in the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-export-grpc-'))
    closing.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const db = openDatabase({ dataDir })
    const slot = new ClientMetricsExportSlot(db, undefined, undefined)
    await slot.set({ url: 'http://collector:4317', protocol: 'grpc' })
    await slot.close()
    db.close()
    const again = openDatabase({ dataDir })
    const reopened = new ClientMetricsExportSlot(again, undefined, undefined)
    expect(reopened.status()).toMatchObject({ url: 'http://collector:4317', protocol: 'grpc' })
    await reopened.close()
    again.close()
  })
})
