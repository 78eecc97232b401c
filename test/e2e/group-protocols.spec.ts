// Groups of both protocols side by side: a classic group and a consumer-protocol (KIP-848) group
// of two @platformatic/kafka members, each listed with its protocol; the consumer group's page
// shows the group and assignment epochs and each member's epoch, subscription and partitions.
import { Consumer, stringDeserializers, type MessagesStream } from '@platformatic/kafka'
import { test, expect } from './fixtures'

const TOPIC = 'e2e-kip848'

test('lists classic and consumer groups side by side and shows member epochs', async ({
  server,
  api,
  shell,
  groups,
  page
}) => {
  test.setTimeout(120_000)
  await api.createTopic(TOPIC, 4, 1)
  for (let i = 0; i < 20; i++)
    await api.call('messages.produce', { topic: TOPIC, key: `k-${i}`, value: `v-${i}` })
  const consumers: Consumer<string, string, string, string>[] = []
  const streams: MessagesStream<string, string, string, string>[] = []
  const start = async (name: string, groupId: string, protocol: 'classic' | 'consumer') => {
    const consumer = new Consumer({
      clientId: `e2e-${name}`,
      groupId,
      bootstrapBrokers: server.bootstrap.split(','),
      deserializers: stringDeserializers,
      maxWaitTime: 100,
      retries: 5,
      ...(protocol === 'consumer'
        ? { groupProtocol: 'consumer' as const }
        : { sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 500 })
    })
    consumers.push(consumer)
    const stream = await consumer.consume({ topics: [TOPIC], mode: 'earliest', autocommit: 200 })
    // Read as an application does (a stream nobody reads stops fetching once its buffer is full).
    stream.on('data', () => {})
    streams.push(stream)
  }
  try {
    await start('classic', 'e2e-classic-group', 'classic')
    await start('one', 'e2e-consumer-group', 'consumer')
    await start('two', 'e2e-consumer-group', 'consumer')
    await expect
      .poll(
        async () => {
          const d = await api.call('groups.describe', { groupId: 'e2e-consumer-group' })
          return d.state === 'Stable' && d.members.every((m) => m.assignments.length > 0)
            ? d.members.length
            : 0
        },
        { timeout: 60_000 }
      )
      .toBe(2)

    await shell.open('#/groups')
    const classicRow = groups.list.row('e2e-classic-group')
    const consumerRow = groups.list.row('e2e-consumer-group')
    await expect(classicRow.getByTestId('group-type')).toHaveText('classic')
    await expect(consumerRow.getByTestId('group-type')).toHaveText('consumer')
    await expect(consumerRow).toContainText('Stable')
    await expect(consumerRow).toContainText(TOPIC)
    await shell.screenshot('groups-both-protocols')

    await groups.openFromList('e2e-consumer-group')
    await expect(page.getByTestId('group-type')).toHaveText('consumer')
    await expect(page.getByTestId('group-epoch')).toContainText('assignment epoch')
    await expect(groups.ui.memberRows).toHaveCount(2)
    const d = await api.call('groups.describe', { groupId: 'e2e-consumer-group' })
    await expect(page.getByTestId('member-epoch')).toHaveText([
      String(d.members[0].memberEpoch),
      String(d.members[1].memberEpoch)
    ])
    await expect(groups.ui.members).toContainText('reached')
    await expect(page.getByTestId('member-assignment')).toHaveCount(2)
    // Offsets committed at the members' epochs, each partition beside the member that owns it.
    await expect(groups.ui.offsetRows).toHaveCount(4, { timeout: 30_000 })
    await expect(groups.ui.offsetRow(TOPIC, 0)).toContainText('e2e-')
    await shell.screenshot('group-consumer-protocol', { tall: true })
  } finally {
    for (const s of streams) await s.close()
    for (const c of consumers) await c.close()
  }
})
