// The Client metrics view of a `logdeck serve --client-metrics-export URL`: a real client
// (@platformatic/kafka's GetTelemetrySubscriptions and PushTelemetry, an OTLP payload) pushes, the
// collector (a real HTTP server) receives it, and the view's export panel shows the endpoint, the
// header names (not their values) and the count; once the collector is gone, the failure.
import { gzipSync } from 'node:zlib'
import {
  apiVersionsV4,
  Connection,
  getTelemetrySubscriptionsV0,
  pushTelemetryV0
} from '@platformatic/kafka'
import { test as base, expect, serverWith } from './fixtures'
import { producerMetrics } from '../support/otlp-payload'
import { startCollector, type Collector } from '../support/otlp-collector'

const test = base.extend<{ collector: Collector }>({
  // eslint-disable-next-line no-empty-pattern
  collector: async ({}, use) => {
    const collector = await startCollector()
    await use(collector)
    await collector.close()
  },
  server: async ({ collector }, use) =>
    serverWith([
      ...['--client-metrics-export', collector.url],
      ...['--client-metrics-export-header', 'Authorization=Bearer s3cret']
    ])({}, use)
})

test('client metrics: the export to a collector, working and failing', async ({
  shell,
  page,
  server,
  api,
  collector
}) => {
  await api.call('clientMetrics.setSubscription', {
    name: 'all',
    metrics: ['*'],
    intervalMs: 100,
    match: []
  })
  await shell.open('#/')
  await page.keyboard.press('Alt+C')
  await expect(shell.ui.title).toHaveText('Client metrics')
  const panel = page.getByTestId('metrics-export-panel')
  await expect(panel).toContainText('waiting for a push')
  await expect(page.getByTestId('metrics-export-url')).toHaveText(
    `POST ${collector.url} (OTLP/HTTP, protobuf)`
  )
  await expect(panel).toContainText('Authorization')
  await expect(panel).not.toContainText('s3cret')

  const [host, port] = server.bootstrap.split(',')[0]!.split(':')
  const connection = new Connection('orders-producer')
  await connection.connect(host!, Number(port))
  try {
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
    expect((await push()).errorCode).toBe(0)
    await expect(page.getByTestId('metrics-export-counts')).toContainText('1 exported')
    await expect(panel).toContainText('exporting')
    expect(collector.requests).toHaveLength(1)
    expect(collector.requests[0]!.headers.authorization).toBe('Bearer s3cret')
    await shell.screenshot('client-metrics-export')

    // The collector goes away: the next push is still taken, its export fails and is shown.
    await collector.close()
    // Pushed again once the subscription's 100 ms interval has passed (THROTTLING_QUOTA_EXCEEDED
    // before).
    await expect
      .poll(
        async () =>
          (
            await push().catch(
              (err: { response?: { errorCode: number } }) => err.response ?? { errorCode: -1 }
            )
          ).errorCode
      )
      .toBe(0)
    await expect(panel).toContainText('failing')
    await expect(page.getByTestId('metrics-export-error')).toContainText('ECONNREFUSED')
  } finally {
    await connection.close()
  }
})
