// A topic's page: changing retention, a refused config value on its field, adding partitions
// with the moved-keys preview, and deleting by typing the name.
import { test, expect } from './fixtures'

test('changes retention, and shows a refused value on its field', async ({ shell, topic, api }) => {
  await api.createTopic('orders', 3, 3)
  await shell.open('#/topics/orders')
  await expect(topic.ui.partitionRows).toHaveCount(3)

  await topic.setDuration('retention.ms', 3, 'days')
  await expect(topic.ui.configValue('retention.ms')).toHaveText('259200000')
  await expect(topic.ui.configRow('retention.ms')).toContainText('3 d')
  await expect(topic.ui.configRow('retention.ms')).toContainText('set on topic')
  expect((await api.call('topics.describe', { name: 'orders' })).configs['retention.ms']).toBe(
    '259200000'
  )
  await shell.screenshot('topic-retention-changed')

  // The broker refuses min.insync.replicas=0; the message sits under that input.
  await topic.setText('min.insync.replicas', '0')
  await expect(topic.ui.configError).toContainText('must be at least 1')
  await expect(topic.ui.configRow('min.insync.replicas')).toContainText('must be at least 1')
  await shell.screenshot('topic-config-error')
})

test('increases the partition count with a preview of moved keys', async ({
  shell,
  topic,
  api
}) => {
  await api.createTopic('payments', 3, 2)
  for (let i = 0; i < 200; i++)
    await api.call('messages.produce', {
      topic: 'payments',
      key: `account-${i}`,
      value: `{"n":${i}}`
    })
  await shell.open('#/topics/payments')
  await expect(topic.ui.partitionRows).toHaveCount(3)

  await topic.openGrow()
  await topic.setGrowCount(6)
  // From 3 to 6 partitions, murmur2 mod 6 keeps a key in place only half the time.
  await expect(topic.ui.growPreview).toContainText(
    /\d+% of 200 sampled records have a key that would land on another partition with 6 partitions/
  )
  // An invalid count: an error, and no estimate left over from the count before.
  await topic.setGrowCount(2)
  await expect(topic.ui.growField).toContainText('partitions can be added, never removed')
  await expect(topic.ui.growConfirm).toBeDisabled()
  await expect(topic.ui.growPreview).not.toContainText('%')
  await expect(topic.ui.growPreview).toContainText('Choose a count above 3')
  await shell.screenshot('topic-grow-invalid')
  await topic.setGrowCount(6)
  await expect(topic.ui.growPreview).toContainText('with 6 partitions')
  await shell.screenshot('topic-grow-preview')
  await topic.ui.growConfirm.click()
  await expect(topic.ui.growDialog).toBeHidden()
  await expect(topic.ui.partitionRows).toHaveCount(6)
  expect((await api.call('topics.describe', { name: 'payments' })).partitions).toHaveLength(6)
  await shell.screenshot('topic-grown')
})

test('deletes a topic only once its name is typed', async ({ shell, topic, api, page }) => {
  await api.createTopic('scratch', 1, 1)
  await shell.open('#/topics/scratch')
  await topic.ui.deleteButton.click()
  await topic.ui.deleteInput.fill('scratc')
  await expect(topic.ui.deleteConfirm).toBeDisabled()
  await shell.screenshot('topic-delete-confirm')
  await topic.ui.deleteInput.fill('scratch')
  await topic.ui.deleteConfirm.click()
  await expect(page).toHaveURL(/#\/topics$/)
  await expect(shell.topics.row('scratch')).toHaveCount(0)
  expect((await api.call('topics.list', {})).topics.map((t) => t.name)).not.toContain('scratch')
})
