// The Faults view: a fault injected from the form is hit by a real producer (hits counted, the
// banner up while it acts), a bad probability is refused at its field, faults on a topic, a
// broker and a group mark those views and their rows in the topics and groups lists, their hits
// show in the cluster timeline, and the banner's "Clear all" ends every one. No serious axe
// violation on the view.
import { Kafka, logLevel } from 'kafkajs'
import { test, expect } from './fixtures'
import { FaultsPage } from './pages/faults-page'
import { GroupsPage } from './pages/groups-page'
import { TopicsPage } from './pages/topics-page'
import { selectOption } from './pages/select-option'
import { seriousViolations } from './support/axe'

test('faults are injected, hit, marked where they act, and cleared from the console', async ({
  shell,
  api,
  page,
  server
}) => {
  test.setTimeout(180_000)
  await api.createTopic('orders', 3, 3)
  await shell.open('#/')
  await page.keyboard.press('Alt+Minus')
  await expect(shell.ui.title).toHaveText('Faults')
  const faults = new FaultsPage(page)

  // NOT_LEADER_OR_FOLLOWER on Produce for orders, the next 3 requests.
  await faults.api.click()
  await selectOption(page, 'Produce').click()
  await faults.topic.click()
  await selectOption(page, 'orders').click()
  await faults.inject.click()
  const fault = faults.row('NOT_LEADER_OR_FOLLOWER on Produce, topic orders')
  await expect(fault.getByTestId('fault-hits')).toHaveText('0')
  await expect(faults.banner).toContainText('1 fault active')
  await shell.screenshot('faults-injected')

  // A real producer retries through the three errors; the view counts them.
  const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic: 'orders', messages: [{ key: 'o-1', value: 'created' }] })
  await producer.disconnect()
  await expect(fault.getByTestId('fault-hits')).toHaveText('3')
  await expect(fault).toHaveAttribute('data-active', 'false')
  await expect(faults.banner).toHaveCount(0)

  // A probability outside 0-1 is refused at its field.
  await faults.probability.fill('2')
  await faults.probability.blur()
  await faults.inject.click()
  await expect(faults.field('Probability')).toContainText('must be between 0 and 1')
  await faults.probability.fill('1')
  await faults.probability.blur()

  // Faults on a broker's followers, a topic and a group mark those views.
  await api.call('faults.inject', {
    target: { brokerId: 1, topic: 'orders' },
    action: { type: 'leaveIsr' }
  })
  await api.call('groups.resetOffsets', {
    groupId: 'billing',
    topic: 'orders',
    to: { earliest: true }
  })
  await api.call('faults.inject', {
    target: { groupId: 'billing', apiKey: 'Heartbeat' },
    action: { type: 'error', error: 'REBALANCE_IN_PROGRESS' }
  })
  await expect(faults.banner).toContainText('2 faults active')
  await expect(faults.rows).toHaveCount(3)
  await shell.screenshot('faults-view', { tall: true })

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    const found = await seriousViolations(page, '#main')
    expect
      .soft(
        found.map((f) => `${f.rule}: ${f.targets.join(', ')}`),
        theme
      )
      .toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })

  // The cluster is degraded now (under-replicated): views are opened without waiting for health.
  const visit = (hash: string) => page.goto(`${server.uiUrl}${hash}`)
  await visit('#/topics/orders')
  await expect(faults.markers).toContainText('Fault: leaveIsr broker 1, topic orders')
  await shell.screenshot('faults-topic-marker')
  await visit('#/groups/billing')
  await expect(faults.markers).toContainText(
    'Fault: REBALANCE_IN_PROGRESS on Heartbeat, group billing'
  )
  // The lists mark the rows too: orders among the topics, billing among the groups.
  const topics = new TopicsPage(page)
  await visit('#/topics')
  await expect(topics.row('orders').getByTestId('fault-marker')).toHaveText('fault')
  await expect(topics.row('orders').getByTestId('fault-marker')).toHaveAttribute(
    'title',
    'Fault: leaveIsr broker 1, topic orders'
  )
  await expect(topics.rows.getByTestId('fault-marker')).toHaveCount(1)
  await shell.screenshot('faults-topics-list')
  const groups = new GroupsPage(page)
  await visit('#/groups')
  await expect(groups.row('billing').getByTestId('fault-marker')).toHaveAttribute(
    'title',
    'Fault: REBALANCE_IN_PROGRESS on Heartbeat, group billing'
  )
  await shell.screenshot('faults-groups-list')
  await visit('#/brokers')
  await expect(page.getByTestId('broker-1').getByTestId('fault-marker')).toBeVisible()
  await expect(page.getByTestId('broker-0').getByTestId('fault-marker')).toHaveCount(0)
  // The follower left the ISR: the hit is in the cluster timeline, as are the produce errors.
  const timeline = page.getByTestId('timeline')
  await expect(
    timeline
      .locator('[data-kind="fault"]')
      .filter({ hasText: 'leaveIsr broker 1, topic orders hit' })
  ).not.toHaveCount(0)
  await expect(
    timeline
      .locator('[data-kind="fault"]')
      .filter({ hasText: 'NOT_LEADER_OR_FOLLOWER on Produce, topic orders hit (3)' })
  ).toHaveCount(1)
  await shell.screenshot('faults-brokers', { tall: true })

  // One click clears them all, and the follower is back in the ISR.
  await faults.bannerClear.click()
  await expect(faults.banner).toHaveCount(0)
  await expect(page.getByTestId('broker-1').getByTestId('fault-marker')).toHaveCount(0)
  expect((await api.call('faults.list', {})).faults).toEqual([])
  await expect
    .poll(async () =>
      (await api.call('topics.describe', { name: 'orders' })).partitions.every(
        (p) => p.isr.length === 3
      )
    )
    .toBe(true)
})
