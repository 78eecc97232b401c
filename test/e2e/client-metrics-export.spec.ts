// The Client metrics view of a `logdeck serve --client-metrics-export URL`: a real client
// (@platformatic/kafka's GetTelemetrySubscriptions and PushTelemetry, an OTLP payload) pushes, the
// collector (a real HTTP server) receives it, and the view's export panel shows the endpoint, the
// header names (not their values) and the count; once the collector is gone, the failure. Without
// the flag, the panel's form sets the export up (refusing a bad URL at its field) and stops it,
// and sets up an export over OTLP/gRPC (a real gRPC collector).
import { gzipSync } from 'node:zlib'
import {
  apiVersionsV4,
  Connection,
  getTelemetrySubscriptionsV0,
  pushTelemetryV0
} from '@platformatic/kafka'
import type { Page } from '@playwright/test'
import { test as base, expect, serverWith } from './fixtures'
import type { ShellActions } from './actions/shell-actions'
import type { ApiClient } from './support/api'
import { producerMetrics } from '../support/otlp-payload'
import { startCollector, type Collector } from '../support/otlp-collector'
import { startGrpcCollector } from '../support/otlp-grpc-collector'

const withCollector = base.extend<{ collector: Collector }>({
  // eslint-disable-next-line no-empty-pattern
  collector: async ({}, use) => {
    const collector = await startCollector()
    await use(collector)
    await collector.close()
  }
})

const test = withCollector.extend({
  server: async ({ collector }, use) =>
    serverWith([
      ...['--client-metrics-export', collector.url],
      ...['--client-metrics-export-header', 'Authorization=Bearer s3cret']
    ])({}, use)
})

/** A client that named its software and got its subscription; push() sends an OTLP payload. */
async function pushingClient(bootstrap: string) {
  const [host, port] = bootstrap.split(',')[0]!.split(':')
  const connection = new Connection('orders-producer')
  await connection.connect(host!, Number(port))
  await apiVersionsV4.api.async(connection, 'logdeck-e2e', '2.0.0')
  const sub = await getTelemetrySubscriptionsV0.api.async(
    connection,
    '00000000-0000-0000-0000-000000000000'
  )
  const push = () =>
    pushTelemetryV0.api.async(
      connection,
      sub.clientInstanceId,
      sub.subscriptionId,
      false,
      1,
      gzipSync(producerMetrics('orders-producer', 12.5, 40))
    )
  // Pushed once the subscription's interval has passed (THROTTLING_QUOTA_EXCEEDED before).
  const pushWhenDue = () =>
    expect
      .poll(
        async () =>
          (
            await push().catch(
              (err: { response?: { errorCode: number } }) => err.response ?? { errorCode: -1 }
            )
          ).errorCode
      )
      .toBe(0)
  return { connection, push, pushWhenDue }
}

/** Every client pushes every metric every 100 ms; the Client metrics view is open. */
async function openWithSubscription(shell: ShellActions, page: Page, api: ApiClient) {
  await api.call('clientMetrics.setSubscription', {
    name: 'all',
    metrics: ['*'],
    intervalMs: 100,
    match: []
  })
  await shell.open('#/')
  await page.keyboard.press('Alt+C')
  await expect(shell.ui.title).toHaveText('Client metrics')
}

test('client metrics: the export to a collector, working and failing', async ({
  shell,
  page,
  server,
  api,
  collector
}) => {
  await openWithSubscription(shell, page, api)
  const panel = page.getByTestId('metrics-export-panel')
  await expect(panel).toContainText('waiting for a push')
  await expect(page.getByTestId('metrics-export-url')).toHaveText(
    `POST ${collector.url} (OTLP/HTTP, protobuf)`
  )
  await expect(panel).toContainText('Authorization')
  await expect(panel).not.toContainText('s3cret')

  const client = await pushingClient(server.bootstrap)
  try {
    expect((await client.push()).errorCode).toBe(0)
    await expect(page.getByTestId('metrics-export-counts')).toContainText('1 exported')
    await expect(panel).toContainText('exporting')
    expect(collector.requests).toHaveLength(1)
    expect(collector.requests[0]!.headers.authorization).toBe('Bearer s3cret')
    await shell.screenshot('client-metrics-export')

    // The collector goes away: the next push is still taken, its export fails and is shown.
    await collector.close()
    await client.pushWhenDue()
    await expect(panel).toContainText('failing')
    await expect(page.getByTestId('metrics-export-error')).toContainText('ECONNREFUSED')
  } finally {
    await client.connection.close()
  }
})

withCollector(
  'client metrics: the export set up, refused, changed and stopped in the form',
  async ({ shell, page, server, api, collector }) => {
    await openWithSubscription(shell, page, api)
    const panel = page.getByTestId('metrics-export-panel')
    await expect(page.getByTestId('metrics-export-state')).toHaveText('off')
    await page.getByTestId('metrics-export-edit').click()
    const url = page.getByLabel('Collector endpoint')
    const save = page.getByTestId('metrics-export-save')
    // Refused by the form, then by the broker, each under the URL.
    await url.fill('collector:4318/v1/metrics')
    await save.click()
    await expect(page.getByTestId('field-export-url')).toContainText('http:// or https://')
    await url.fill('http://user:pw@127.0.0.1:4318/v1/metrics')
    await save.click()
    await expect(page.getByTestId('field-export-url')).toContainText(
      'give credentials as a header (Authorization), not in the URL'
    )
    await panel.scrollIntoViewIfNeeded()
    await shell.screenshot('client-metrics-export-form')
    await url.fill(collector.url)
    await page.getByLabel('Export headers').fill('X-Team=payments')
    await save.click()
    await expect(page.getByTestId('metrics-export-state')).toHaveText('waiting for a push')
    await expect(panel).toContainText('X-Team')

    const client = await pushingClient(server.bootstrap)
    try {
      expect((await client.push()).errorCode).toBe(0)
      await expect(page.getByTestId('metrics-export-counts')).toContainText('1 exported')
      expect(collector.requests[0]!.headers['x-team']).toBe('payments')

      // Stopped: the next push is taken but goes nowhere.
      await page.getByTestId('metrics-export-stop').click()
      await expect(page.getByTestId('metrics-export-state')).toHaveText('off')
      expect((await api.call('clientMetrics.list', {})).export).toBeNull()
      await client.pushWhenDue()
      await expect
        .poll(async () => (await api.call('clientMetrics.list', {})).clients.map((c) => c.pushes))
        .toEqual([2])
      expect(collector.requests).toHaveLength(1)
    } finally {
      await client.connection.close()
    }
  }
)

base(
  'client metrics: the export set up over OTLP/gRPC in the form',
  async ({ shell, page, server, api }) => {
    const grpc = await startGrpcCollector()
    try {
      await openWithSubscription(shell, page, api)
      await page.getByTestId('metrics-export-edit').click()
      await page.getByTestId('export-protocol-grpc').click()
      const url = page.getByLabel('Collector endpoint')
      await expect(url).toHaveValue('http://127.0.0.1:4317')
      await expect(page.getByTestId('field-export-url')).toContainText(
        'Collector address (OTLP/gRPC)'
      )
      const save = page.getByTestId('metrics-export-save')
      await url.fill(`${grpc.url}/v1/metrics`)
      await save.click()
      await expect(page.getByTestId('field-export-url')).toContainText('no path')
      await url.fill(grpc.url)
      await save.click()
      await expect(page.getByTestId('metrics-export-url')).toHaveText(
        `gRPC ${grpc.url} (OTLP/gRPC, MetricsService/Export)`
      )
      const client = await pushingClient(server.bootstrap)
      try {
        expect((await client.push()).errorCode).toBe(0)
        await expect(page.getByTestId('metrics-export-counts')).toContainText('1 exported')
        expect(grpc.calls).toHaveLength(1)
        await shell.screenshot('client-metrics-export-grpc')
      } finally {
        await client.connection.close()
      }
      expect((await api.call('clientMetrics.list', {})).export).toMatchObject({ protocol: 'grpc' })
    } finally {
      await grpc.close()
    }
  }
)
