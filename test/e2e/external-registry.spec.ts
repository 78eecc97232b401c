// A Kafka cluster with its own schema registry: a second `logdeck serve` (registry behind basic
// auth) where Confluent's Avro serializer wrote records. The connection names the registry's URL,
// user and password; switched to it, the Schemas view lists its subjects and the message browser
// shows the records decoded, and its search filters on the decoded values. No serious axe
// violation on the form or the views.
import { Kafka, logLevel } from 'kafkajs'
import { AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { SchemasPage } from './pages/schemas-page'
import { seriousViolations } from './support/axe'

let external: ServeProcess
test.beforeAll(async () => {
  external = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--brokers',
    '2',
    '--no-ui',
    '--schema-registry-auth',
    'sr:reg-pw'
  ])
  const client = new SchemaRegistryClient({
    baseURLs: [external.registryUrl!],
    basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: 'sr:reg-pw' }
  })
  const kafka = new Kafka({ brokers: external.bootstrap.split(','), logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'invoices', numPartitions: 1 }] })
  await admin.disconnect()
  await client.register('invoices-value', {
    schemaType: 'AVRO',
    schema: JSON.stringify({
      type: 'record',
      name: 'Invoice',
      namespace: 'billing',
      fields: [
        { name: 'number', type: 'string' },
        { name: 'total', type: 'double' }
      ]
    })
  })
  const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({
    topic: 'invoices',
    messages: [
      { value: await ser.serialize('invoices', { number: 'INV-7', total: 99.5 }) },
      { value: await ser.serialize('invoices', { number: 'INV-8', total: 12 }) }
    ]
  })
  await producer.disconnect()
})
test.afterAll(async () => {
  await external?.stop()
})

test("names a cluster's schema registry and reads its records decoded", async ({
  shell,
  browse,
  page
}) => {
  test.setTimeout(180_000)
  await shell.open('#/connections')
  await page.getByTestId('add-connection').click()
  const form = page.getByTestId('connection-form')
  await form.getByTestId('connection-name').locator('input').fill('Billing')
  await form.getByTestId('connection-servers').locator('input').fill(external.bootstrap)
  await form.getByTestId('connection-registry-url').locator('input').fill(external.registryUrl!)
  await form.getByTestId('connection-registry-user').locator('input').fill('sr')
  // The test tries the registry with the credentials given: a wrong password is named.
  const password = form.getByTestId('connection-registry-password').locator('input')
  await password.fill('not-the-password')
  await form.getByTestId('connection-test').click()
  const registryTest = page.getByTestId('registry-test-result')
  await expect(registryTest).toHaveAttribute('data-reachable', 'false', { timeout: 30_000 })
  await expect(registryTest).toContainText('refused the credentials (HTTP 401)')
  await shell.screenshot('external-registry-test-refused')
  await password.fill('reg-pw')
  await form.getByTestId('connection-test').click()
  await expect(registryTest).toHaveAttribute('data-reachable', 'true', { timeout: 30_000 })
  await expect(registryTest).toContainText('1 subject')
  await expect(page.getByTestId('connection-test-result')).toContainText('2 brokers')
  await shell.screenshot('external-registry-form')
  expect(
    (await seriousViolations(page, '[data-testid="connection-form"]')).map((f) => f.rule)
  ).toEqual([])
  const added = page.waitForResponse((r) => r.url().endsWith('/api/connections.add'))
  await form.getByTestId('connection-save').click()
  expect((await added).status()).toBe(200)
  const card = page.getByTestId('connection-billing')
  await expect(card).toContainText(`${external.registryUrl!} · as sr, password set`, {
    timeout: 30_000
  })
  await shell.screenshot('external-registry-connection')

  await card.getByTestId('use-connection-billing').click()
  await expect(page.getByTestId('connection-picker')).toHaveAttribute('data-connection', 'billing')

  // The registry's subjects, with the topic the subject names.
  await page.keyboard.press('Alt+0')
  await expect(shell.ui.title).toHaveText('Schemas')
  const ui = new SchemasPage(page)
  const row = ui.subject('invoices-value')
  await expect(row.getByTestId('subject-latest')).toHaveText('1')
  await expect(row.getByTestId('subject-topic')).toHaveText('invoices (value)')
  await shell.screenshot('external-registry-schemas')
  expect((await seriousViolations(page, '#main')).map((f) => f.rule)).toEqual([])

  // The record Confluent's serializer wrote, decoded in the browser with its schema.
  await shell.open('#/messages?topic=invoices&partition=0')
  const m = browse.ui
  await m.mode('Earliest').click()
  await m.read.click()
  // The page reads once on opening and again on Read: a row clicked in between is replaced.
  await expect(async () => {
    await m.row(0, 0).click()
    await expect(m.detail).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(m.detail).toContainText('"total": 99.5')
  await expect(m.detail.getByTestId('record-schema')).toHaveText(
    /Avro · invoices-value v1 · id \d+/
  )
  await shell.screenshot('external-registry-record')
  expect((await seriousViolations(page, '#main')).map((f) => f.rule)).toEqual([])

  // A JSON path on the decoded value: only the Avro record's own total can match it.
  await browse.addFilter('Value', 'JSON path', '$.total > 50')
  await browse.search()
  await expect(m.matchCount).toHaveText('1')
  // The match is shown decoded, as the page of records was.
  await expect(m.row(0, 0)).toContainText('{"number":"INV-7","total":99.5}')
  await expect(m.rows).toHaveCount(1)
  await expect(m.detail.getByTestId('record-schema')).toHaveText(/Avro · invoices-value v1/)
  await shell.screenshot('external-registry-search')
})
