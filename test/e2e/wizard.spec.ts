// The topic-creation wizard end to end: live name validation (including the '.'/'_'
// collision), presets, sizing, durability, retention, the review command, server errors on
// their field, and the created topic.
import { test, expect } from './fixtures'
import { selectOption } from './pages/select-option'

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
  // The peak is shown in the unit of the per-partition figure it is divided by.
  await w.peakRate.fill('50000')
  await w.peakRate.blur()
  const guidance = w.dialog.getByTestId('sizing-guidance')
  await expect(guidance).toContainText('per-partition throughput = 6')
  await expect(guidance).toContainText('Peak 51.2 MB/s; one partition is assumed to carry')
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

  // Step 5: any other config; none needed here.
  await expect(w.dialog).toContainText('Step 5 of 6')
  await w.next.click()

  // Step 6: review shows the equivalent kafka-topics.sh command.
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

test('the Advanced step sets any topic config, saying what is wrong and where', async ({
  shell,
  wizard,
  api,
  page
}) => {
  await shell.open('#/topics')
  await wizard.open()
  const w = wizard.ui
  await wizard.nameAndPurpose('orders.compacted', 'changelog')
  for (let i = 0; i < 4; i++) await w.next.click()
  await expect(w.dialog).toContainText('Step 5 of 6')
  const list = w.dialog.getByTestId('advanced-configs')
  // The changelog preset's own configs show as set; everything else at its default.
  await expect(list.locator('tr[data-config="delete.retention.ms"]')).toHaveClass(/set/)
  await expect(list.locator('tr[data-config="segment.ms"]')).toContainText('default: 7 d')
  // The earlier steps own cleanup, retention and min.insync.replicas.
  await expect(list.locator('tr[data-config="retention.ms"]')).toHaveCount(0)

  // A ratio out of range: the row says which config, what is wrong and what was typed.
  await w.dialog.getByTestId('advanced-filter').locator('input').fill('dirty')
  await expect(list.locator('tr[data-config]')).toHaveCount(1)
  await w.dialog.getByTestId('advanced-set-min.cleanable.dirty.ratio').click()
  const ratio = w.dialog.getByTestId('config-input-min.cleanable.dirty.ratio').locator('input')
  await expect(ratio).toHaveValue('0.5')
  await ratio.fill('1.5')
  await expect(w.dialog.getByTestId('advanced-error-min.cleanable.dirty.ratio')).toHaveText(
    "min.cleanable.dirty.ratio must be in [0, 1] (not '1.5')"
  )
  await expect(w.next).toBeDisabled()
  await expect(page.getByTestId('wizard-step-4')).toHaveClass(/n-step--error-status/)
  await shell.screenshot('wizard-advanced-invalid')
  await ratio.fill('0.1')
  await expect(w.dialog.getByTestId('advanced-error-min.cleanable.dirty.ratio')).toHaveCount(0)

  // A flag from a choice; a duration in its unit.
  await w.dialog.getByTestId('advanced-filter').locator('input').fill('')
  await w.dialog.getByTestId('advanced-set-message.timestamp.type').click()
  await w.dialog.getByTestId('config-input-message.timestamp.type').click()
  await selectOption(page, 'LogAppendTime').click()
  // Each value is valid alone, but a record could never be compacted in time: the server says
  // so, and its complaint lands on the field, on this step.
  const duration = async (name: string, amount: number, unit: string) => {
    const input = w.dialog.getByTestId(`config-input-${name}`)
    const field = input.getByTestId('duration-amount').locator('input')
    await field.fill(String(amount))
    await field.blur()
    await input.getByTestId('duration-unit').click()
    await selectOption(page, unit).click()
  }
  await w.dialog.getByTestId('advanced-set-max.compaction.lag.ms').click()
  await duration('max.compaction.lag.ms', 1, 'hours')
  // The changelog preset set min.compaction.lag.ms already.
  await expect(list.locator('tr[data-config="min.compaction.lag.ms"]')).toHaveClass(/set/)
  await duration('min.compaction.lag.ms', 2, 'hours')
  await w.next.click()
  await expect(w.command).toContainText('--config min.cleanable.dirty.ratio=0.1')
  await expect(w.command).toContainText('--config message.timestamp.type=LogAppendTime')
  await expect(w.command).toContainText('--config max.compaction.lag.ms=3600000')
  await expect(w.command).toContainText('--config min.compaction.lag.ms=7200000')
  await w.create.click()
  await expect(w.dialog).toContainText('Step 5 of 6')
  const refused = w.dialog.getByTestId('advanced-error-min.compaction.lag.ms')
  await expect(refused).toContainText('is larger than max.compaction.lag.ms')
  await expect(refused).toBeInViewport()
  await shell.screenshot('wizard-advanced-server-error')

  // Back to the default: the topic is created with the rest.
  await w.dialog.getByTestId('advanced-default-min.compaction.lag.ms').click()
  await w.next.click()
  await w.create.click()
  await expect(shell.ui.title).toHaveText('orders.compacted')
  const created = await api.call('topics.describe', { name: 'orders.compacted' })
  expect(created.configs['min.cleanable.dirty.ratio']).toBe('0.1')
  expect(created.configs['message.timestamp.type']).toBe('LogAppendTime')
  expect(created.configs['cleanup.policy']).toBe('compact')
  expect(created.configEntries.find((c) => c.name === 'min.compaction.lag.ms')?.source).not.toBe(
    'topic'
  )
})
