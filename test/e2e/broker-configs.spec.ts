// Broker configs in the Brokers view: every config with its value, source and default; a
// run-time value set for every broker reaches topics that do not override it; a bad value is
// refused naming the config; read-only configs cannot be edited; Kafka's configs Logdeck takes
// without effect are listed, tagged and filtered, those its flags set (listeners, ssl.*) in
// effect as started, per-broker ones edited for one broker; the panel is axe-clean.
import { test, expect } from './fixtures'
import { BrokerConfigsPage } from './pages/broker-configs-page'
import { selectOption } from './pages/select-option'
import { seriousViolations } from './support/axe'

test('edits a broker config for every broker and for one, with errors naming the config', async ({
  shell,
  page,
  api
}) => {
  await api.call('topics.create', { name: 'follows-broker', partitions: 1, replicationFactor: 1 })
  await shell.open('#/brokers')
  const ui = new BrokerConfigsPage(page)
  await expect(ui.value('num.partitions')).toHaveText('1')
  await expect(ui.source('num.partitions')).toHaveText('default')
  await expect(ui.row('num.partitions')).toContainText('read-only')
  await expect(ui.edit('num.partitions')).toHaveCount(0)

  // A bad value: refused, naming the config, nothing changed.
  await ui.edit('log.retention.ms').click()
  await ui.input('log.retention.ms').fill('a week')
  await ui.save.click()
  await expect(ui.error).toContainText('log.retention.ms')
  await expect(ui.error).toContainText('must be a whole number')

  await ui.input('log.retention.ms').fill('3600000')
  await ui.save.click()
  await expect(ui.value('log.retention.ms')).toHaveText('3600000')
  await expect(ui.row('log.retention.ms')).toContainText('1 h')
  await expect(ui.source('log.retention.ms')).toHaveText('set for every broker')
  const topic = await api.call('topics.describe', { name: 'follows-broker' })
  expect(topic.configs['retention.ms']).toBe('3600000')

  // One broker's own value.
  await ui.scope.click()
  await selectOption(page, 'Broker 1').click()
  await ui.edit('max.connections').click()
  await ui.input('max.connections').fill('200')
  await ui.save.click()
  await expect(ui.source('max.connections')).toHaveText('set for broker 1')
  await expect(ui.source('log.retention.ms')).toHaveText('set for every broker')
  const broker1 = await api.call('brokers.describeConfigs', { brokerId: 1 })
  expect(broker1.configs.find((c) => c.name === 'max.connections')).toMatchObject({
    value: '200',
    source: 'DYNAMIC_BROKER_CONFIG'
  })
  await ui.scope.click()
  await selectOption(page, 'Every broker').click()
  await expect(ui.value('max.connections')).toHaveText('1000')

  // Kafka's other configs: listed with their defaults, taken without effect; a per-broker one
  // is edited for one broker only.
  await ui.filter.fill('io.threads')
  await expect(ui.value('num.io.threads')).toHaveText('8')
  await expect(ui.noEffect('num.io.threads')).toHaveText('no effect')
  await expect(ui.row('num.partitions')).toHaveCount(0)
  await ui.filter.fill('ssl.keystore.location')
  await expect(ui.row('ssl.keystore.location')).toContainText('per broker')
  await expect(ui.noEffect('ssl.keystore.location')).toHaveCount(0)
  await expect(ui.edit('ssl.keystore.location')).toHaveCount(0)
  await ui.scope.click()
  await selectOption(page, 'Broker 1').click()
  // Those the flags set at start are in effect: the listeners broker 1 runs with.
  await ui.filter.fill('listeners')
  await expect(ui.source('listeners')).toHaveText('set at start')
  await expect(ui.value('listeners')).toHaveText(/^PLAINTEXT:\/\/127\.0\.0\.1:\d+$/)
  await expect(ui.source('advertised.listeners')).toHaveText('set at start')
  await expect(ui.noEffect('listeners')).toHaveCount(0)
  await expect(ui.noEffect('advertised.listeners')).toHaveCount(0)
  // Given at start on this cluster: no edit, though Kafka changes them per broker.
  await expect(ui.row('listeners')).toContainText('given at start')
  await expect(ui.edit('listeners')).toHaveCount(0)
  await ui.filter.fill('ssl.keystore.location')
  await ui.edit('ssl.keystore.location').click()
  await ui.input('ssl.keystore.location').fill('/etc/kafka/broker1.jks')
  await ui.save.click()
  await expect(ui.source('ssl.keystore.location')).toHaveText('set for broker 1')
  // A value set at run time is kept, without effect: the broker runs with its start-time TLS.
  await expect(ui.noEffect('ssl.keystore.location')).toHaveText('no effect')
  await ui.scope.click()
  await selectOption(page, 'Every broker').click()
  await ui.filter.fill('')

  expect(await seriousViolations(page, '[data-testid="broker-configs"]')).toEqual([])
  await ui.panel.scrollIntoViewIfNeeded()
  await shell.screenshot('broker-configs', { tall: true })
})
