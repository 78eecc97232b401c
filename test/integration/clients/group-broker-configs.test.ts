// The group coordinator's settings as Kafka's broker configs: described on BROKER with their
// sources, given at start (`logdeck serve --broker-config`), refused at run time as read-only,
// and acted on: group.initial.rebalance.delay.ms decides whether two classic members that join
// one after the other share the group's first generation.
import { afterEach, describe, expect, it } from 'vitest'
import { Connection, describeGroupsV5, joinGroupV9 } from '@platformatic/kafka'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function serve(brokerConfigs: string[]): Promise<ServeProcess> {
  const s = await startServe([
    ...['--in-memory', '--port', '0', '--no-ui', '--brokers', '1'],
    ...brokerConfigs.flatMap((c) => ['--broker-config', c])
  ])
  closing.push(() => s.stop())
  return s
}

async function connect(s: ServeProcess): Promise<Connection> {
  const [host, port] = s.bootstrap.split(',')[0].split(':')
  const connection = new Connection('group-broker-configs')
  await connection.connect(host, Number(port))
  closing.push(() => connection.close())
  return connection
}

const DESCRIBE_AND_ALTER = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
res = a.describe_configs([ConfigResource('broker', '0')])
entries = list(res.values())[0].result(20)
out = {'described': {n: {'value': e.value, 'source': e.source, 'readOnly': e.is_read_only}
                     for n, e in entries.items() if n.startswith('group.') or n.startswith('offset')}}
f = a.alter_configs([ConfigResource('broker', '0', set_config={'group.max.size': '10'})])
try:
    list(f.values())[0].result(20)
    out['alter'] = 'ok'
except Exception as e:
    out['alter'] = [e.args[0].name(), e.args[0].str()]
print(json.dumps(out))
`

/** A static member's JoinGroup (static members join without MEMBER_ID_REQUIRED). */
function join(connection: Connection, groupId: string, instanceId: string) {
  return joinGroupV9.api.async(connection, groupId, 10_000, 15_000, '', instanceId, 'consumer', [
    { name: 'range', metadata: Buffer.alloc(0) }
  ])
}

describe('group coordinator broker configs', () => {
  it('confluent-kafka-python: the group configs are described on BROKER with their sources and refused at run time', async () => {
    const s = await serve(['group.initial.rebalance.delay.ms=2500', 'group.consumer.max.size=8'])
    const { code, stdout, stderr } = await python(DESCRIBE_AND_ALTER, [s.bootstrap])
    expect(code, stderr).toBe(0)
    const out = JSON.parse(stdout) as {
      described: Record<string, { value: string; source: number; readOnly: boolean }>
      alter: string | string[]
    }
    // Sources: 4 STATIC_BROKER_CONFIG (given at start), 5 DEFAULT_CONFIG.
    expect(out.described['group.initial.rebalance.delay.ms']).toEqual({
      value: '2500',
      source: 4,
      readOnly: true
    })
    expect(out.described['group.consumer.max.size']).toMatchObject({ value: '8', source: 4 })
    // Logdeck's own defaults where they differ from Kafka's, reported as the defaults.
    expect(out.described['group.consumer.heartbeat.interval.ms']).toEqual({
      value: '1000',
      source: 5,
      readOnly: true
    })
    expect(out.described['group.min.session.timeout.ms']).toMatchObject({
      value: '1000',
      source: 5
    })
    expect(out.described['group.max.session.timeout.ms']).toMatchObject({ value: '1800000' })
    expect(out.described['group.consumer.session.timeout.ms']).toMatchObject({ value: '45000' })
    expect(out.described['group.consumer.assignors']).toMatchObject({ value: 'uniform,range' })
    expect(out.described['offset.metadata.max.bytes']).toMatchObject({ value: '4096', source: 5 })
    expect(out.described['offsets.retention.minutes']).toMatchObject({ value: '10080' })
    expect(out.alter).toEqual([
      'INVALID_REQUEST',
      expect.stringContaining('Cannot update these configs dynamically: Set(group.max.size)')
    ])
  })

  it('logdeck serve refuses group configs Kafka refuses together, naming the config', async () => {
    await expect(
      startServe([
        ...['--in-memory', '--port', '0', '--no-ui'],
        ...['--broker-config', 'group.consumer.heartbeat.interval.ms=50000']
      ])
    ).rejects.toThrow(
      /group.consumer.heartbeat.interval.ms must be less than or equal to group.consumer.max.heartbeat.interval.ms/
    )
  })

  it('group.initial.rebalance.delay.ms: two members joining within the delay share generation 1; with 0 the first is alone in it', async () => {
    // The delay (15 s, the members' rebalance timeout) holds the first rebalance open; the second
    // member joins as soon as DescribeGroups shows the first one waiting, well within it.
    const delayed = await serve(['group.initial.rebalance.delay.ms=15000'])
    const a = await connect(delayed)
    const b = await connect(delayed)
    // A connection's requests are answered in order: DescribeGroups goes on its own.
    const observer = await connect(delayed)
    const first = join(a, 'shared-start', 'a')
    await waitFor('the first member waiting in PreparingRebalance', async () => {
      const d = await describeGroupsV5.api.async(observer, ['shared-start'], false)
      const g = d.groups[0]
      return g.groupState === 'PreparingRebalance' && g.members.length === 1
    })
    const [ra, rb] = await Promise.all([first, join(b, 'shared-start', 'b')])
    expect([ra.generationId, rb.generationId]).toEqual([1, 1])
    const leader = ra.leader === ra.memberId ? ra : rb
    expect(leader.members.map((m) => m.groupInstanceId).sort()).toEqual(['a', 'b'])

    // Without the delay, the first member's JoinGroup is answered alone, before the second exists.
    const immediate = await serve(['group.initial.rebalance.delay.ms=0'])
    const c = await connect(immediate)
    const alone = await join(c, 'one-by-one', 'a')
    expect(alone.generationId).toBe(1)
    expect(alone.members.map((m) => m.groupInstanceId)).toEqual(['a'])
  }, 60_000)
})
