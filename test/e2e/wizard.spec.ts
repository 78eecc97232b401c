// The topic-creation wizard end to end: live name validation (including the '.'/'_'
// collision), presets, sizing, durability, retention, the review command, server errors on
// their field, and the created topic.
import { test, expect } from './fixtures'

test('creates a topic with the wizard, catching invalid input on the way', async ({
  shell,
  wizard,
  topic,
  api,
  page
}) => {
  await api.createTopic('orders.placed', 3, 3)
  await shell.open('#/topics')
  await wizard.open()
  const w = wizard.ui

  // Step 1: the name is checked while typing.
  await w.nameInput.fill('orders placed')
  await expect(w.nameField).toContainText(
    "a space is not allowed: use letters, digits, '.', '_' and '-'"
  )
  await w.nameInput.fill('orders_placed')
  await expect(w.nameField).toContainText("Collides with existing topic 'orders.placed'")
  await shell.screenshot('wizard-name-collision')
  await w.next.click()
  await expect(w.nameField).toBeVisible() // still on step 1
  await w.nameInput.fill('orders.shipped')
  await expect(w.nameField).not.toContainText('Collides')
  await w.purpose('queue').click()
  await w.next.click()

  // Step 2: sizing guidance from load and consumers.
  await expect(w.recommended).toHaveText('12') // the work-queue preset: 12 workers
  await w.consumers.fill('8')
  await w.consumers.blur()
  await expect(w.recommended).toHaveText('8')
  await w.useRecommended.click()
  await expect(w.partitionsInput).toHaveValue('8')
  await shell.screenshot('wizard-partitions')
  await w.next.click()

  // Step 3: replication beyond the brokers is refused on its field.
  await wizard.fillNumber(w.replicationInput, 4)
  await expect(w.replicationField).toContainText('The cluster has 3 brokers')
  await expect(w.next).toBeDisabled()
  await wizard.fillNumber(w.replicationInput, 3)
  await wizard.fillNumber(w.minInsyncInput, 2)
  await expect(w.failuresSurvived).toContainText(
    'Writes with acks=all keep working with up to 1 broker down'
  )
  await shell.screenshot('wizard-durability')
  await w.next.click()

  // Step 4: retention in days, with the disk estimate.
  await wizard.setRetentionDays(2)
  await expect(w.diskEstimate).toContainText('across the cluster')
  await shell.screenshot('wizard-retention')
  await w.next.click()

  // Step 5: review shows the equivalent kafka-topics.sh command.
  await expect(w.command).toContainText('kafka-topics.sh --bootstrap-server 127.0.0.1:')
  await expect(w.command).toContainText('--topic orders.shipped')
  await expect(w.command).toContainText('--partitions 8 --replication-factor 3')
  await expect(w.command).toContainText('--config retention.ms=172800000')
  await expect(w.command).toContainText('--config min.insync.replicas=2')
  await shell.screenshot('wizard-review')
  await w.create.click()

  // The new topic's page: eight partitions of three replicas, the configs as chosen.
  await expect(topic.ui.title).toHaveText('orders.shipped')
  await expect(topic.ui.partitionRows).toHaveCount(8)
  const created = await api.call('topics.describe', { name: 'orders.shipped' })
  expect(created.partitions.every((p) => p.replicas.length === 3)).toBe(true)
  expect(created.configs['retention.ms']).toBe('172800000')
  expect(created.configs['min.insync.replicas']).toBe('2')
  await topic.ui.configsTab.click()
  await expect(topic.ui.configValue('retention.ms')).toHaveText('172800000')
  await shell.screenshot('wizard-created-topic')
  void page
})

test('a server error lands on the field and step it belongs to', async ({
  shell,
  wizard,
  page,
  api
}) => {
  await shell.open('#/topics')
  await wizard.open()
  await wizard.fillAll({ name: 'payments', partitions: 3, replicationFactor: 3, minInsync: 2 })
  // Another client creates the same name between review and submit; the list has not caught
  // up yet, so the server is the one to refuse it.
  await page.route('**/api/topics.list', (route) => route.fulfill({ json: { topics: [] } }))
  await api.createTopic('payments', 1, 1)
  await wizard.ui.create.click()
  await expect(wizard.ui.nameField).toContainText("Topic 'payments' already exists")
  await expect(wizard.ui.nameInput).toBeVisible()
  await shell.screenshot('wizard-server-error')
})
