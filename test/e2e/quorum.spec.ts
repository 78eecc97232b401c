// The metadata quorum on the brokers page: the controller leads it; stopping that broker elects
// the next one in a new epoch, and the stopped voter keeps the log end offset it had.
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
