// __consumer_offsets in the console: the topics list hides Kafka's internal topics until asked,
// and the message browser shows a group's commit decoded into Kafka's JSON of it.
import { test, expect } from './fixtures'
import { coordinatorPartition } from './support/coordinator-partition'

test('lists __consumer_offsets behind a toggle and decodes a commit', async ({
  shell,
  browse,
  api
}) => {
  await api.createTopic('payments', 2, 1)
  for (let i = 0; i < 5; i++)
    await api.call('messages.produce', { topic: 'payments', partition: 0, value: `p${i}` })
  // An offset reset commits for the group, as a Kafka client's commit would.
  await api.call('groups.resetOffsets', {
    groupId: 'billing',
    topic: 'payments',
    partitions: [0],
    to: { offset: 3 }
  })

  await shell.open('#/topics')
  const topics = shell.topics
  await expect(topics.row('payments')).toBeVisible()
  await expect(topics.count).toContainText('1 topic')
  await expect(topics.count).toContainText('1 internal topic hidden')
  await expect(topics.row('__consumer_offsets')).toHaveCount(0)
  await topics.showInternal.click()
  await expect(topics.row('__consumer_offsets')).toBeVisible()
  await expect(topics.row('__consumer_offsets')).toContainText('internal')
  await shell.screenshot('topics-internal-shown')

  const partition = coordinatorPartition('billing')
  await shell.open(`#/messages?topic=__consumer_offsets&partition=${partition}`)
  const m = browse.ui
  await m.row(partition, 0).click()
  await expect(m.coordinatorRecord).toHaveText('OffsetCommit')
  await expect(m.detail).toContainText('"group":"billing"')
  await expect(m.detail).toContainText('"topic":"payments"')
  await expect(m.detail).toContainText(/"offset":\s*3/)
  await expect(m.detail).toContainText('"commitTimestamp"')
  await shell.screenshot('consumer-offsets-commit')
})
