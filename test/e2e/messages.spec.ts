// The message browser. While the engine does not serve messages.read it says so plainly; once
// it does, the same page browses at an offset and a time, filters, and replays.
import { test, expect } from './fixtures'

test('the browser opens a topic and says what is not available yet', async ({
  shell,
  browse,
  api
}) => {
  test.skip(
    await api
      .serves('messages.read', { topic: '__none', partition: 0, from: 'earliest', limit: 1 })
      .catch(() => true),
    'messages.read is served: covered by the browsing tests'
  )
  await api.createTopic('orders', 3, 3)
  await shell.open('#/messages?topic=orders')
  await expect(browse.ui.problem).toContainText(
    'Browsing messages is not available on this cluster yet'
  )
  await expect(browse.ui.problem).toContainText('messages.read is not available yet')
  await shell.screenshot('messages-unavailable')
})
