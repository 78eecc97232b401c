// The metadata quorum and the features on the brokers page: the controller leads the quorum;
// stopping that broker elects the next one in a new epoch; the finalized feature levels are
// shown with their supported ranges.
import { test, expect } from './fixtures'

test('shows the metadata quorum, and its new leader once the controller stops', async ({
  shell,
  replication,
  api
}) => {
  await shell.open('#/brokers')
  const ui = replication.ui
  const before = await api.call('cluster.quorum', {})
  expect(before.leaderId).toBe(0)
  await expect(ui.quorumSummary).toContainText('leader 0')
  await expect(ui.quorumNode(0)).toContainText('Leader')
  for (const id of [1, 2]) await expect(ui.quorumNode(id)).toContainText('Follower')

  await replication.stopBroker(0)
  await expect(ui.quorumSummary).toContainText(`leader 1 · epoch ${before.leaderEpoch + 1}`)
  await expect(ui.quorumNode(1)).toContainText('Leader')
  // A new leader knows nothing yet of the stopped voter.
  await expect(ui.quorumNode(0)).toContainText('unknown')

  await replication.startBroker(0)
  await expect(ui.quorumSummary).toContainText(`leader 0 · epoch ${before.leaderEpoch + 2}`)
  await expect(ui.quorumNode(0)).not.toContainText('unknown')
})

test('shows the finalized features', async ({ shell, replication, api }) => {
  await shell.open('#/brokers')
  const ui = replication.ui
  const { features, epoch } = await api.call('cluster.features', {})
  expect(features.find((f) => f.name === 'group.version')?.finalizedLevel).toBe(1)
  await expect(ui.featuresEpoch).toContainText(`epoch ${epoch}`)
  await expect(ui.featureLevel('metadata.version')).toHaveText('25')
  await expect(ui.featureLevel('group.version')).toHaveText('1')
  await expect(ui.featureLevel('kraft.version')).toHaveText('0')
  await expect(ui.featureLevel('transaction.version')).toHaveText('2')
  await expect(ui.feature('transaction.version')).toContainText('0–2')
})
