// Skew flagged where people look first, on data a batching client (kcat) wrote with one key
// taking half the records: the topics list marks the hot partition and the overview lists it,
// each leading to the diagnosis; an evenly keyed topic is not flagged.
import { test, expect } from './fixtures'
import { produceBatched } from './support/batched'
import { murmur2Partition } from '../../src/engine/producers/murmur2'

test('the topics list and the overview flag a hot partition', async ({
  shell,
  api,
  server,
  page
}) => {
  await api.createTopic('clicks', 6, 3)
  await api.createTopic('even', 6, 3)
  await produceBatched(server.bootstrap, 'clicks', 4000, (i) =>
    i % 2 === 0 ? 'tenant-42' : `user-${i}`
  )
  await produceBatched(server.bootstrap, 'even', 4000)
  const hot = murmur2Partition(Buffer.from('tenant-42'), 6)

  await shell.open('#/topics')
  const flag = shell.topics.row('clicks').getByTestId('topic-hot')
  await expect(flag).toHaveText(new RegExp(`^hot: p${hot} · 5\\d%$`))
  await expect(shell.topics.row('even').getByTestId('topic-hot')).toHaveCount(0)
  await shell.screenshot('topics-hot-partition')

  await shell.goTo('overview')
  const panel = page.getByTestId('hot-topics')
  await expect(panel.locator('tr[data-topic]')).toHaveCount(1)
  await expect(panel.locator('tr[data-topic="clicks"]')).toContainText(`partition ${hot} takes 5`)
  await expect(panel.locator('tr[data-topic="clicks"]')).toContainText(/\(\d+\.\d\d× the mean\)/)
  await shell.screenshot('overview-hot-partitions', { tall: true })
  await panel.getByRole('link', { name: 'Diagnose →' }).click()
  await expect(page).toHaveURL(/#\/hot-partitions\?topic=clicks/)
})
