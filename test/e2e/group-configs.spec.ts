// A consumer-protocol group's configs on its page: the broker's values until the group has its
// own, a value Kafka refuses is refused naming the config, a saved one is the group's own (its
// members are told the new heartbeat interval), Reset goes back to the broker's; axe-clean.
import { Consumer, stringDeserializers, type MessagesStream } from '@platformatic/kafka'
import { test, expect } from './fixtures'
import { seriousViolations } from './support/axe'

const TOPIC = 'e2e-group-configs'
const GROUP = 'e2e-configured-group'

test('shows and edits a consumer group’s configs, with errors naming the config', async ({
  server,
  api,
  shell,
  groups,
  page
}) => {
  test.setTimeout(120_000)
  await api.createTopic(TOPIC, 2, 1)
  const consumer = new Consumer({
    clientId: 'e2e-configs',
    groupId: GROUP,
    bootstrapBrokers: server.bootstrap.split(','),
    deserializers: stringDeserializers,
    maxWaitTime: 100,
    retries: 5,
    groupProtocol: 'consumer'
  })
  let stream: MessagesStream<string, string, string, string> | null = null
  try {
    stream = await consumer.consume({ topics: [TOPIC], mode: 'earliest', autocommit: 200 })
    stream.on('data', () => {})
    await expect
      .poll(async () => (await api.call('groups.describe', { groupId: GROUP })).members.length, {
        timeout: 60_000
      })
      .toBe(1)

    await shell.open('#/groups')
    await groups.openFromList(GROUP)
    const ui = groups.ui.configs
    await expect(ui.value('consumer.session.timeout.ms')).toHaveText('45000')
    await expect(ui.source('consumer.session.timeout.ms')).toHaveText("broker's default")
    await expect(ui.value('consumer.heartbeat.interval.ms')).toHaveText('1000')

    // Below the broker's group.consumer.min.heartbeat.interval.ms: refused, naming the config.
    await ui.edit('consumer.heartbeat.interval.ms').click()
    await ui.input('consumer.heartbeat.interval.ms').fill('200')
    await ui.save.click()
    await expect(ui.error).toContainText(
      'consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms'
    )
    await ui.input('consumer.heartbeat.interval.ms').fill('3000')
    await ui.save.click()
    await expect(ui.value('consumer.heartbeat.interval.ms')).toHaveText('3000')
    await expect(ui.source('consumer.heartbeat.interval.ms')).toHaveText('set on this group')
    await expect(ui.row('consumer.heartbeat.interval.ms')).toContainText(
      'group.consumer.heartbeat.interval.ms 1000'
    )
    const configs = await api.call('groups.describeConfigs', { groupId: GROUP })
    expect(configs.configs.find((c) => c.name === 'consumer.heartbeat.interval.ms')).toMatchObject({
      value: '3000',
      source: 'GROUP_CONFIG'
    })
    expect(await seriousViolations(page, '[data-testid="group-configs"]')).toEqual([])
    await ui.panel.scrollIntoViewIfNeeded()
    await shell.screenshot('group-configs', { tall: true })

    await page.getByTestId('group-config-reset-consumer.heartbeat.interval.ms').click()
    await expect(ui.source('consumer.heartbeat.interval.ms')).toHaveText("broker's default")
    await expect(ui.value('consumer.heartbeat.interval.ms')).toHaveText('1000')
  } finally {
    await stream?.close()
    await consumer.close()
  }
})
