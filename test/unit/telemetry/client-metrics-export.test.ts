// The export of pushed client metrics to an OpenTelemetry collector: the broker-added resource
// labels written into a payload without losing any of its fields (also ones the broker does not
// read), and the exporter against a real HTTP server on loopback: a payload sent as OTLP/HTTP
// with the headers given, sent again after a 503, dropped after a 400, the oldest dropped when
// the queue is full, and what is left when it closes counted as dropped; and the export set from
// the console kept in the data directory for the next start.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import protobuf from 'protobufjs'
import { OTLP_METRICS_PROTO } from '../../../src/engine/telemetry/otlp-metrics-proto'
import { withResourceLabels } from '../../../src/engine/telemetry/otlp-resource-labels'
import {
  brokerAddedLabels,
  checkClientMetricsExport,
  ClientMetricsExporter
} from '../../../src/engine/telemetry/client-metrics-export'
import type { ClientInstance } from '../../../src/engine/telemetry/client-metrics-manager'
import { ClientMetricsExportSlot } from '../../../src/engine/telemetry/client-metrics-export-slot'
import { openDatabase } from '../../../src/engine/storage/database'
import { producerMetrics } from '../../support/otlp-payload'
import {
  attributesOf,
  readMetricsData,
  startCollector,
  type Collector
} from '../../support/otlp-collector'
import { waitFor } from '../../support/wait-for'
import { clientInstance } from '../../support/client-instance'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function collector(): Promise<Collector> {
  const c = await startCollector()
  closing.push(() => c.close())
  return c
}

const instance = (id = '5f0f3b9e-8d5c-4a53-a1d6-2d0c6c1f4e11'): ClientInstance =>
  clientInstance(id, {
    clientId: 'payments',
    softwareName: 'librdkafka',
    softwareVersion: '2.15.1',
    sourceAddress: '127.0.0.1',
    sourcePort: 51234,
    principal: 'User:alice',
    connectionId: 'c1',
    brokerId: 2
  })

function exporter(url: string, headers: Record<string, string> = {}) {
  const lines: string[] = []
  const e = new ClientMetricsExporter({ url, headers }, (l) => lines.push(l))
  closing.push(() => e.close())
  return { e, lines, push: () => e.pushed(instance(), null, 0, producerMetrics('payments', 1, 2)) }
}

describe('broker-added resource labels', () => {
  it('adds them to the resource, replacing a clashing client attribute, and keeps every field', () => {
    // The broker's schema with one more ResourceMetrics field, standing for one it does not read.
    const wider = protobuf
      .parse(
        OTLP_METRICS_PROTO.replace(
          'string schema_url = 3;\n}',
          'string schema_url = 3;\n  uint32 extra = 9;\n}'
        )
      )
      .root.lookupType('opentelemetry.proto.metrics.v1.MetricsData')
    const original = wider.decode(producerMetrics('client-said-this', 5, 7)) as unknown as {
      resourceMetrics: { extra?: number }[]
    }
    original.resourceMetrics[0].extra = 42
    const payload = wider.encode(original).finish()

    const labels = brokerAddedLabels(instance())
    const labelled = withResourceLabels(payload, labels)

    const read = wider.toObject(wider.decode(labelled), { longs: String }) as {
      resourceMetrics: { extra: number; scopeMetrics: unknown[] }[]
    }
    expect(read.resourceMetrics[0].extra).toBe(42)
    const before = wider.toObject(wider.decode(payload), { longs: String }) as typeof read
    expect(read.resourceMetrics[0].scopeMetrics).toEqual(before.resourceMetrics[0].scopeMetrics)
    expect(attributesOf(readMetricsData(labelled).resources[0].attributes)).toEqual({
      client_rack: 'rack-a',
      client_id: 'payments',
      client_instance_id: '5f0f3b9e-8d5c-4a53-a1d6-2d0c6c1f4e11',
      client_software_name: 'librdkafka',
      client_software_version: '2.15.1',
      client_source_address: '127.0.0.1',
      client_source_port: '51234',
      principal: 'User:alice',
      node_id: '2'
    })
  })

  it('refuses a URL that is not http(s), one with credentials, and a bad header', () => {
    expect(() => checkClientMetricsExport({ url: 'ftp://127.0.0.1/v1/metrics' })).toThrow(
      'must be http: or https:'
    )
    expect(() => checkClientMetricsExport({ url: 'collector:4318' })).toThrow('http: or https:')
    expect(() => checkClientMetricsExport({ url: 'not a url' })).toThrow('not a URL')
    expect(() => checkClientMetricsExport({ url: 'http://u:p@127.0.0.1:4318/v1/metrics' })).toThrow(
      'give credentials as a header'
    )
    expect(() =>
      checkClientMetricsExport({ url: 'http://127.0.0.1:4318', headers: { 'a b': 'x' } })
    ).toThrow("'a b' is not a header name")
  })
})

describe('ClientMetricsExporter', () => {
  it('posts each payload as OTLP/HTTP with the headers given and the labels added', async () => {
    const c = await collector()
    const { e, push } = exporter(c.url, { Authorization: 'Bearer s3cret' })
    push()
    await waitFor('the export', () => e.status().exported === 1)
    expect(c.requests).toHaveLength(1)
    const [req] = c.requests
    expect([req.method, req.path]).toEqual(['POST', '/v1/metrics'])
    expect(req.headers['content-type']).toBe('application/x-protobuf')
    expect(req.headers.authorization).toBe('Bearer s3cret')
    const sent = readMetricsData(req.body)
    expect(sent.resources[0].metricNames).toContain('org.apache.kafka.producer.record.send.rate')
    expect(attributesOf(sent.resources[0].attributes)).toMatchObject({ node_id: '2' })
    expect(e.status()).toMatchObject({
      url: c.url,
      headers: ['Authorization'],
      exported: 1,
      failed: 0,
      dropped: 0,
      pending: 0,
      lastError: null
    })
  })

  it('sends a payload again after a 503, and drops one the collector refuses with 400', async () => {
    const c = await collector()
    const { e, lines, push } = exporter(c.url)
    c.answerWith(503)
    push()
    await waitFor('the export after a retry', () => e.status().exported === 1, 20_000)
    expect(c.requests).toHaveLength(2)
    expect(c.requests[1].body.equals(c.requests[0].body)).toBe(true)
    expect(e.status().lastError?.message).toBe('HTTP 503: status 503 from the test collector')
    expect(lines).toEqual([
      `client metrics export to ${c.url} failed: HTTP 503: status 503 from the test collector (sending again)`,
      `client metrics export to ${c.url} works again`
    ])

    c.answerWith(400)
    push()
    await waitFor('the refusal', () => e.status().failed === 1)
    expect(c.requests).toHaveLength(3)
    expect(e.status()).toMatchObject({ exported: 1, failed: 1, dropped: 0, pending: 0 })
  })

  it('drops the oldest payloads beyond 1000 waiting, and counts what closing leaves', async () => {
    const c = await collector()
    const { e, push } = exporter(c.url)
    c.hold()
    for (let i = 0; i < 1005; i++) push()
    await waitFor('the first request', () => c.requests.length === 1)
    // One in flight, 1000 waiting, 4 dropped.
    expect(e.status()).toMatchObject({ pending: 1001, dropped: 4, exported: 0 })
    c.release()
    await waitFor('the queue sent', () => e.status().exported === 1001, 60_000)
    expect(e.status()).toMatchObject({ pending: 0, dropped: 4 })

    // A collector that holds every answer: closing waits its few seconds, then drops the rest.
    c.hold()
    push()
    push()
    await waitFor('the next request', () => c.requests.length === 1002)
    await e.close()
    expect(e.status()).toMatchObject({ exported: 1001, dropped: 6, pending: 0 })
    push()
    expect(e.status().pending).toBe(0)
  })
})

describe('ClientMetricsExportSlot', () => {
  it('keeps what the console set in the data directory; a collector given at start wins', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-export-'))
    closing.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const open = async (given?: { url: string }) => {
      const db = openDatabase({ dataDir })
      const slot = new ClientMetricsExportSlot(db, given, undefined)
      return {
        slot,
        close: async () => {
          await slot.close()
          db.close()
        }
      }
    }
    const first = await open()
    expect(first.slot.status()).toBeNull()
    await expect(first.slot.set({ url: 'ftp://collector/v1/metrics' })).rejects.toThrow(
      'must be http: or https:'
    )
    await first.slot.set({
      url: 'http://collector:4318/v1/metrics',
      headers: { Authorization: 'Bearer t' }
    })
    expect(first.slot.status()).toMatchObject({ url: 'http://collector:4318/v1/metrics' })
    await first.close()

    // Restarted: the same export, header names and all.
    const second = await open()
    expect(second.slot.status()).toMatchObject({
      url: 'http://collector:4318/v1/metrics',
      headers: ['Authorization'],
      exported: 0
    })
    await second.close()
    // A collector given at start is used for that start.
    const third = await open({ url: 'http://other:4318/v1/metrics' })
    expect(third.slot.status()?.url).toBe('http://other:4318/v1/metrics')
    await third.close()
    // Stopped from the console: off at the next start too.
    const fourth = await open()
    expect(fourth.slot.status()?.url).toBe('http://collector:4318/v1/metrics')
    await fourth.slot.set(null)
    expect(fourth.slot.status()).toBeNull()
    await fourth.close()
    const fifth = await open()
    expect(fifth.slot.status()).toBeNull()
    await fifth.close()
  })
})
