// Brokers and replication on the demo data: stopping a broker moves the leadership of its
// partitions and takes its replicas offline, live in the replica map and the timeline; starting
// it brings them back in sync; preferred-leader election restores the leaders; an unclean
// election's lost records are reported.
import { test, expect } from './fixtures'
import { DEMO, hotPartition, loadDemo } from './support/demo'

test('stops a broker, sees its partitions elect new leaders, and starts it again', async ({
  shell,
  replication,
  api
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  await shell.open(`#/brokers?topic=${DEMO.orders}`)
  const ui = replication.ui
  for (const id of [0, 1, 2]) await expect(ui.brokerStatus(id)).toHaveText('online')
  await expect(ui.mapRows).toHaveCount(6)
  await expect(ui.mapSummary).toContainText('0 under-replicated')
  await expect(ui.topicLabel).toHaveText(DEMO.orders)

  const before = (await api.call('topics.describe', { name: DEMO.orders })).partitions
  // A broker that leads partitions of demo.orders. Not the one holding the single replica of
  // the demo's dead-letter topic: that partition would go offline as well, which is another
  // story (the unclean-election test below).
  const [dlq] = (await api.call('topics.describe', { name: DEMO.deadLetters })).partitions
  const victim = [0, 1, 2].find(
    (b) => !dlq.replicas.includes(b) && before.some((p) => p.leader === b)
  )
  if (victim === undefined) throw new Error('no broker leads demo.orders apart from the DLQ one')
  const ledByVictim = before.filter((p) => p.leader === victim).map((p) => p.partition)
  for (const p of before) {
    await expect(ui.leader(p.partition)).toHaveText(String(p.leader))
    await expect(ui.cell(p.partition, p.leader)).toHaveAttribute('data-state', 'leader')
  }

  await replication.stopBroker(victim)
  // The topic dropdown counts what the replica map beside it counts, in every frame.
  expect(await ui.countsUntil(6)).toEqual({ map: 6, label: 6 })
  // Every partition it led now has another leader; its replicas are offline everywhere.
  for (const p of ledByVictim) {
    await expect(ui.leader(p)).not.toHaveText(String(victim))
    await expect(ui.leader(p)).not.toHaveText('none')
  }
  await expect(ui.column(victim)).toHaveCount(6)
  for (const cell of await ui.column(victim).all())
    await expect(cell).toHaveAttribute('data-state', 'offline')
  for (const p of before)
    await expect(ui.mapRow(p.partition)).toHaveAttribute('data-status', 'under-replicated')
  await expect(ui.mapSummary).toContainText('6 under-replicated')
  await expect(ui.topicLabel).toHaveText(`${DEMO.orders} (6 under-replicated)`)
  await expect(ui.broker(victim)).toHaveAttribute('data-status', 'stopped')
  await expect(ui.broker(victim).getByTestId('broker-leaders')).toHaveText('0')
  // The timeline has the stop and the elections, as they happened.
  await expect(ui.timelineOf('broker-stopped').first()).toContainText(`Broker ${victim} stopped`)
  await expect
    .poll(() => ui.timelineOf('leader-elected').count())
    .toBeGreaterThanOrEqual(ledByVictim.length)
  for (const p of ledByVictim)
    await expect(
      ui
        .timelineOf('leader-elected')
        .filter({ hasText: `${DEMO.orders}-${p}:` })
        .first()
    ).toContainText('elected leader')
  await expect(ui.timelineOf('isr-shrunk').first()).toBeVisible()
  const after = (await api.call('topics.describe', { name: DEMO.orders })).partitions
  for (const p of ledByVictim) expect(after[p].leader).not.toBe(victim)
  await shell.screenshot('brokers-stopped', { tall: true })

  await replication.startBroker(victim)
  // Back in the ISR once it has caught up; leadership stays where it moved. The dropdown's label
  // follows the ISR back with the map, frame by frame, and drops the count.
  expect(await ui.countsUntil(0)).toEqual({ map: 0, label: 0 })
  await expect(ui.mapSummary).toContainText('0 under-replicated')
  await expect(ui.topicLabel).toHaveText(DEMO.orders)
  for (const cell of await ui.column(victim).all())
    await expect(cell).toHaveAttribute('data-state', /in-sync|lagging/)
  await expect(ui.timelineOf('broker-started').first()).toContainText(`Broker ${victim} started`)
  await expect(ui.timelineOf('isr-expanded').first()).toBeVisible()
  await expect(ui.mapSummary).toContainText('not on their preferred leader')

  // Preferred-leader election gives each partition its first replica back as leader.
  await ui.electPreferred.click()
  await expect(ui.mapSummary).not.toContainText('not on their preferred leader')
  for (const p of before) await expect(ui.leader(p.partition)).toHaveText(String(p.replicas[0]))
  await expect(ui.timelineOf('leader-elected').first()).toContainText('preferred replica')
  await expect(ui.lossTotal).toHaveText('0 records lost')
  await shell.screenshot('brokers-restarted')
})

test('a slow follower lags behind its leader, leaves the ISR, and rejoins', async ({
  shell,
  replication,
  api
}) => {
  test.setTimeout(120_000)
  await loadDemo(api)
  const hot = await hotPartition(api)
  const [p] = (await api.call('topics.describe', { name: DEMO.orders })).partitions.filter(
    (x) => x.partition === hot
  )
  const follower = p.replicas.find((r) => r !== p.leader) ?? -1
  await shell.open(`#/brokers?topic=${DEMO.orders}`)
  const ui = replication.ui
  await expect(ui.replicationOf(follower)).toHaveText('followers copy at once')

  // Copies 3 s late: still in the ISR (replica.lag.time.max.ms is 10 s), but records behind.
  await replication.setCopyDelay(follower, 3000)
  await expect(ui.replicationOf(follower)).toHaveText('followers copy after 3 s')
  await expect(ui.cell(hot, follower)).toHaveAttribute('data-state', 'lagging', {
    timeout: 20_000
  })
  await expect(ui.cell(hot, follower)).toHaveText(/^−\d+$/)
  await expect(ui.mapRow(hot)).toHaveAttribute('data-status', 'ok')
  await shell.screenshot('brokers-lagging-follower')

  // Copies 30 s late: more than 10 s behind, it leaves the ISR. A record produced now gives it
  // something to fall behind on, whenever the demo producer's next send to this partition comes.
  await replication.setCopyDelay(follower, 30_000)
  await expect(ui.replicationOf(follower)).toHaveText('followers copy after 30 s')
  await api.call('messages.produce', { topic: DEMO.orders, partition: hot, value: 'late copy' })
  await expect(ui.cell(hot, follower)).toHaveAttribute('data-state', 'out-of-sync', {
    timeout: 30_000
  })
  await expect(ui.mapRow(hot)).toHaveAttribute('data-status', 'under-replicated')
  await expect(
    ui
      .timelineOf('isr-shrunk')
      .filter({ hasText: `${DEMO.orders}-${hot}:` })
      .first()
  ).toBeVisible()
  await shell.screenshot('brokers-out-of-sync-follower', { tall: true })

  // Back to normal: it catches up and rejoins.
  await replication.setCopyDelay(follower, 0)
  await expect(ui.cell(hot, follower)).toHaveAttribute('data-state', 'in-sync', { timeout: 30_000 })
  await expect(
    ui
      .timelineOf('isr-expanded')
      .filter({ hasText: `${DEMO.orders}-${hot}:` })
      .first()
  ).toBeVisible()
})

test('reports the records lost to an unclean election', async ({ shell, replication, api }) => {
  test.setTimeout(90_000)
  await api.createTopic('ledger', 1, 2, { 'unclean.leader.election.enable': 'true' })
  const [p] = (await api.call('topics.describe', { name: 'ledger' })).partitions
  const leader = p.leader
  const follower = p.replicas.find((r) => r !== leader) ?? -1
  for (let i = 0; i < 3; i++)
    await api.call('messages.produce', { topic: 'ledger', value: `replicated ${i}` })
  await shell.open('#/brokers?topic=ledger')
  const ui = replication.ui
  await expect(ui.cell(0, follower)).toHaveAttribute('data-state', 'in-sync', { timeout: 15_000 })

  // The follower stops; five more records reach the leader only.
  await replication.stopBroker(follower)
  await expect(ui.cell(0, follower)).toHaveAttribute('data-state', 'offline')
  for (let i = 0; i < 5; i++)
    await api.call('messages.produce', { topic: 'ledger', value: `leader only ${i}` })
  // The leader stops too: no in-sync replica runs, the partition is offline.
  await replication.stopBroker(leader)
  await expect(ui.mapRow(0)).toHaveAttribute('data-status', 'offline')
  await expect(ui.leader(0)).toHaveText('none')
  await expect(ui.mapSummary).toContainText('1 offline')

  // The out-of-sync follower comes back and is elected: the five records it lacks are lost.
  await replication.startBroker(follower)
  await expect(ui.leader(0)).toHaveText(String(follower))
  await expect(ui.timelineOf('unclean-election').first()).toContainText('5 record(s) lost')
  await expect(ui.lossTotal).toHaveText('5 records lost')
  await expect(ui.lossReport).toContainText('ledger-0')
  await expect(ui.lossReport).toContainText('unclean election')
  await expect(ui.lossReport.getByTestId('records-lost')).toHaveText('5')
  expect((await api.call('topics.describe', { name: 'ledger' })).partitions[0].highWatermark).toBe(
    3
  )
  await shell.screenshot('brokers-unclean-election', { tall: true })
  await replication.startBroker(leader)
})
