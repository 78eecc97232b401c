// The Client metrics view: a subscription made in the form (bad values refused at their fields,
// the interval by the form, a bad selector by the broker), a real client (@platformatic/kafka's
// GetTelemetrySubscriptions and PushTelemetry) subscribed by it and pushing an OTLP payload, and
// the client instance listed with its software, address and latest metrics; the subscription
// edited and deleted.
import { gzipSync } from 'node:zlib'
import {
  apiVersionsV4,
  Connection,
  getTelemetrySubscriptionsV0,
  pushTelemetryV0
} from '@platformatic/kafka'
import { test, expect } from './fixtures'
import { ClientMetricsPage } from './pages/client-metrics-page'
import { producerMetrics } from '../support/otlp-payload'

test('client metrics: a subscription from the form, a client pushing, its metrics shown', async ({
  shell,
  page,
  server
}) => {
  await shell.open('#/')
  await page.keyboard.press('Alt+C')
  await expect(shell.ui.title).toHaveText('Client metrics')
  const ui = new ClientMetricsPage(page)
  await expect(page.getByText('No client has asked for a telemetry subscription yet')).toBeVisible()

  // Refused at their fields: no name, an interval under 100 ms (by the form), then a selector
  // that is no regex (by the broker, as Kafka refuses it).
  await ui.interval.fill('50')
  await ui.save.click()
  await expect(ui.field('field-name')).toContainText('Name the subscription')
  await expect(ui.field('field-interval')).toContainText('100 ms to 3600000 ms')
  await ui.name.fill('producers')
  await ui.metrics.fill('org.apache.kafka.producer.')
  await ui.interval.fill('60000')
  await ui.match.fill('client_software_name=logdeck-e2e\nclient_id=(')
  await ui.save.click()
  await expect(ui.field('field-match')).toContainText(
    'Illegal client matching pattern: client_id=('
  )
  await expect(ui.field('field-name')).not.toContainText('Name the subscription')
  await ui.match.fill('client_software_name=logdeck-e2e\nclient_id=orders-.*')
  await ui.save.click()
  await expect(ui.subscriptionRow('producers')).toContainText('org.apache.kafka.producer.')
  await expect(ui.subscriptionRow('producers')).toContainText('60000 ms')

  // A real client asks for its subscription and pushes its metrics.
  const [host, port] = server.bootstrap.split(',')[0]!.split(':')
  const connection = new Connection('orders-producer')
  await connection.connect(host!, Number(port))
  try {
    await apiVersionsV4.api.async(connection, 'logdeck-e2e', '2.0.0')
    const sub = await getTelemetrySubscriptionsV0.api.async(
      connection,
      '00000000-0000-0000-0000-000000000000'
    )
    expect(sub.requestedMetrics).toEqual(['org.apache.kafka.producer.'])
    const pushed = await pushTelemetryV0.api.async(
      connection,
      sub.clientInstanceId,
      sub.subscriptionId,
      false,
      1,
      gzipSync(producerMetrics('orders-producer', 12.5, 40))
    )
    expect(pushed.errorCode).toBe(0)

    const instance = ui.instances.filter({ hasText: 'orders-producer' })
    await expect(instance).toContainText('connected')
    await expect(instance).toContainText('logdeck-e2e 2.0.0')
    await expect(instance).toContainText('127.0.0.1:')
    await expect(instance).toContainText('3 metrics')
    await expect(ui.detail).toContainText(sub.clientInstanceId)
    await expect(ui.detail).toContainText('org.apache.kafka.producer. every 60000 ms')
    await expect(ui.metricsTable).toContainText('org.apache.kafka.producer.record.send.rate')
    await expect(ui.metricsTable).toContainText('topic=orders')
    await expect(ui.metricsTable).toContainText('12.50 1/s')
    await expect(ui.metricsTable).toContainText('count 4, sum 10 ms')
    await shell.screenshot('client-metrics', { tall: true })
  } finally {
    await connection.close()
  }
  // Its connection closed: the instance is listed as gone, with its last metrics.
  await expect(ui.instances.filter({ hasText: 'orders-producer' })).toContainText('gone')

  // Edited (the interval), then deleted.
  await ui
    .subscriptionRow('producers')
    .getByRole('button', { name: 'Edit subscription producers' })
    .click()
  await expect(ui.name).toHaveValue('producers')
  await ui.interval.fill('5000')
  await ui.save.click()
  await expect(ui.subscriptionRow('producers')).toContainText('5000 ms')
  await ui
    .subscriptionRow('producers')
    .getByRole('button', { name: 'Delete subscription producers' })
    .click()
  await expect(ui.subscriptions).toContainText('No subscriptions')
})
