// Groups of both protocols side by side: a classic group and a consumer-protocol (KIP-848) group
// of two @platformatic/kafka members, each listed with its protocol; the consumer group's page
// shows the group and assignment epochs and each member's epoch, subscription and partitions;
// the message browser decodes the group's own records in __consumer_offsets.
import { Consumer, stringDeserializers, type MessagesStream } from '@platformatic/kafka'
import { test, expect } from './fixtures'
import { coordinatorPartition } from './support/coordinator-partition'

const TOPIC = 'e2e-kip848'

type StringConsumer = Consumer<string, string, string, string>
type StringStream = MessagesStream<string, string, string, string>

/** Consumers started by a test, closed at its end. */
class Members {
  readonly consumers: StringConsumer[] = []
  readonly streams: StringStream[] = []

  constructor(private readonly bootstrap: string) {}

  /** A @platformatic/kafka member of `groupId` speaking `protocol`, reading `topic`. */
  async start(name: string, groupId: string, topic: string, protocol: 'classic' | 'consumer') {
    const consumer = new Consumer({
      clientId: `e2e-${name}`,
      groupId,
      bootstrapBrokers: this.bootstrap.split(','),
      deserializers: stringDeserializers,
      maxWaitTime: 100,
      retries: 5,
      ...(protocol === 'consumer'
        ? { groupProtocol: 'consumer' as const }
        : { sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 300 })
    })
    this.consumers.push(consumer)
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: 200 })
    // Read as an application does (a stream nobody reads stops fetching once its buffer is full).
    stream.on('data', () => {})
    this.streams.push(stream)
  }

  async close() {
    for (const s of this.streams) await s.close()
    for (const c of this.consumers) await c.close()
  }
}

test('lists classic and consumer groups side by side and shows member epochs', async ({
  server,
  api,
  shell,
  groups,
  browse,
  page
}) => {
  test.setTimeout(120_000)
  await api.createTopic(TOPIC, 4, 1)
  for (let i = 0; i < 20; i++)
    await api.call('messages.produce', { topic: TOPIC, key: `k-${i}`, value: `v-${i}` })
  const members = new Members(server.bootstrap)
  try {
    await members.start('classic', 'e2e-classic-group', TOPIC, 'classic')
    await members.start('one', 'e2e-consumer-group', TOPIC, 'consumer')
    await members.start('two', 'e2e-consumer-group', TOPIC, 'consumer')
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

    // The group's own records in __consumer_offsets, decoded by the message browser.
    const partition = coordinatorPartition('e2e-consumer-group')
    const read = await api.call('messages.read', {
      topic: '__consumer_offsets',
      partition,
      from: 'earliest',
      limit: 500
    })
    const member = read.records.find(
      (r) => r.coordinatorRecord?.type === 'ConsumerGroupMemberMetadata'
    )
    expect(member).toBeDefined()
    await shell.open(`#/messages?topic=__consumer_offsets&partition=${partition}`)
    await browse.ui.mode('Earliest').click()
    await browse.ui.read.click()
    await expect(browse.ui.rows.first()).toHaveAttribute('data-offset', '0')
    await browse.ui.row(partition, member?.offset ?? -1).click()
    await expect(browse.ui.coordinatorRecord).toHaveText('ConsumerGroupMemberMetadata')
    await expect(browse.ui.detail).toContainText('"subscribedTopicNames"')
    await expect(browse.ui.detail).toContainText(TOPIC)
  } finally {
    await members.close()
  }
})

// KIP-848's online migration: a classic member's group upgraded when a consumer-protocol member
// joins it; the group's page shows both members, the classic one marked as such.
test('shows the classic member of a group upgraded to the consumer protocol', async ({
  server,
  api,
  shell,
  groups,
  page
}) => {
  test.setTimeout(120_000)
  const topic = 'e2e-migration'
  const groupId = 'e2e-migrated-group'
  await api.createTopic(topic, 4, 1)
  for (let i = 0; i < 20; i++)
    await api.call('messages.produce', { topic, key: `k-${i}`, value: `v-${i}` })
  const members = new Members(server.bootstrap)
  try {
    await members.start('classic-first', groupId, topic, 'classic')
    await expect
      .poll(async () => (await api.call('groups.describe', { groupId })).state, {
        timeout: 60_000
      })
      .toBe('Stable')
    await members.start('kip848-second', groupId, topic, 'consumer')
    await expect
      .poll(
        async () => {
          const d = await api.call('groups.describe', { groupId })
          return d.groupType === 'consumer' &&
            d.state === 'Stable' &&
            d.members.every((m) => m.assignments.length > 0)
            ? d.members.map((m) => m.protocol).sort()
            : []
        },
        { timeout: 60_000 }
      )
      .toEqual(['classic', 'consumer'])

    await shell.open('#/groups')
    await expect(groups.list.row(groupId).getByTestId('group-type')).toHaveText('consumer')
    await groups.openFromList(groupId)
    await expect(groups.ui.memberRows).toHaveCount(2)
    await expect(page.getByTestId('member-classic')).toHaveCount(1)
    await expect(groups.ui.memberRows.filter({ hasText: 'e2e-classic-first' })).toContainText(
      'classic'
    )
    await shell.screenshot('group-migrated-classic-member', { tall: true })
  } finally {
    await members.close()
  }
})
