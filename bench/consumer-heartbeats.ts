// KIP-848 heartbeats of a large consumer group: the coordinator's time per ConsumerGroupHeartbeat
// once every member of a group of N has its assignment (the steady heartbeats a group sends every
// heartbeat interval), and the __consumer_offsets records they write. In-process, no network: the
// group coordinator on an in-memory database, its records counted where the topic would take them.
// Groups of 100 and of 400 members unless --members says otherwise; figures in
// bench/results/consumer-heartbeats.json.
//
//   node --import tsx bench/consumer-heartbeats.ts [--members N,N] [--rounds N]
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/engine/storage/database'
import { GroupCoordinator } from '../src/engine/groups/coordinator'
import type { Scheduler } from '../src/engine/groups/scheduler'
import type { ConsumerHeartbeatParams } from '../src/engine/groups/consumer-heartbeat'
import type { CoordinatorRecordSink } from '../src/engine/cluster/internal-topic'
import { TopicHashes } from '../src/engine/groups/metadata-hash'
import { Recorder, round } from './lib/results'

const RACKS = ['rack-a', 'rack-b', 'rack-c']

const args = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const GROUP_SIZES = (arg('--members') ?? '100,400').split(',').map(Number)
const ROUNDS = Number(arg('--rounds') ?? 20)

/** A clock that stands still: no session times out while the benchmark runs. */
const frozen: Scheduler = { now: () => 1_700_000_000_000, setTimer: () => ({ cancel: () => {} }) }

interface Member {
  id: string
  epoch: number
  owned: { topic: string; partitions: number[] }[]
}

interface Measured {
  members: number
  partitions: number
  /** Median time of a round (one heartbeat of each member), ms. */
  roundMs: number
  perHeartbeatUs: number
  recordsPerHeartbeat: number
}

/** Steady heartbeats of a group of `size` members on twice as many partitions. */
function measure(size: number): Measured {
  const partitions = size * 2
  let written = 0
  const sink: CoordinatorRecordSink = {
    ensure: () => {},
    write: (_groupId, records) => void (written += records.length),
    committed: () => {},
    rolledBack: () => {}
  }
  // Three brokers in three racks, each partition on all three.
  const orders = {
    uuid: '00000000-0000-0000-0000-00000000000a',
    name: 'orders',
    partitions: Array.from({ length: partitions }, (_, p) => ({
      replicas: [p % 3, (p + 1) % 3, (p + 2) % 3]
    }))
  }
  const hashes = new TopicHashes((b) => RACKS[b])
  const db = openDatabase({ dataDir: ':memory:' })
  const coordinator = new GroupCoordinator({
    db,
    scheduler: frozen,
    records: sink,
    partitions: {
      partitionCount: (t) => (t === 'orders' ? partitions : undefined),
      topicNames: () => ['orders'],
      topicId: (t) => (t === 'orders' ? orders.uuid : undefined),
      partitionRacks: (t, p) =>
        t === 'orders' ? orders.partitions[p].replicas.map((b) => RACKS[b]) : [],
      // As the engine serves them: each topic's KIP-1101 hash, kept until the topic changes.
      topicHash: (t) => (t === 'orders' ? hashes.of(orders) : undefined)
    },
    onError: (err) => {
      throw err
    }
  })

  const request = (o: Partial<ConsumerHeartbeatParams>): ConsumerHeartbeatParams => ({
    groupId: 'cg',
    memberId: '',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: 30_000,
    subscribedTopicNames: ['orders'],
    subscribedTopicRegex: null,
    serverAssignor: null,
    ownedPartitions: [],
    clientId: 'bench',
    clientHost: '/127.0.0.1',
    ...o
  })

  const members: Member[] = []
  for (let i = 0; i < size; i++) {
    const id = `member-${String(i).padStart(4, '0')}`
    const r = coordinator.consumerGroupHeartbeat(request({ memberId: id }), 1)
    if (r.errorCode !== 0) throw new Error(`join ${id}: error ${r.errorCode}`)
    members.push({ id, epoch: r.memberEpoch, owned: r.assignment ?? [] })
  }

  /** One heartbeat of each member, with what it owns; the time it took, in ms. */
  function heartbeatRound(): number {
    const start = performance.now()
    for (const m of members) {
      const r = coordinator.consumerGroupHeartbeat(
        request({ memberId: m.id, memberEpoch: m.epoch, ownedPartitions: m.owned }),
        1
      )
      if (r.errorCode !== 0) throw new Error(`heartbeat ${m.id}: error ${r.errorCode}`)
      m.epoch = r.memberEpoch
      if (r.assignment) m.owned = r.assignment
    }
    return performance.now() - start
  }

  // Until every member has its assignment at the group's epoch.
  for (let i = 0; i < 10; i++) heartbeatRound()
  const d = coordinator.consumerGroupHeartbeat(
    request({ memberId: members[0].id, memberEpoch: members[0].epoch, ownedPartitions: null }),
    1
  )
  if (d.errorCode !== 0) throw new Error('not stable')

  written = 0
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) times.push(heartbeatRound())
  times.sort((a, b) => a - b)
  const roundMs = times[Math.floor(times.length / 2)]
  coordinator.close()
  db.close()
  return {
    members: size,
    partitions,
    roundMs: round(roundMs, 3),
    perHeartbeatUs: round((roundMs / size) * 1000, 1),
    recordsPerHeartbeat: round(written / (ROUNDS * size), 2)
  }
}

const rec = new Recorder('consumer-heartbeats')
const measured: Measured[] = []
for (const size of GROUP_SIZES) {
  const m = measure(size)
  measured.push(m)
  rec.figure({
    key: `steady_heartbeat_us_${size}`,
    label: `KIP-848 steady heartbeat in a group of ${size} members (coordinator, in process)`,
    value: m.perHeartbeatUs,
    unit: 'µs',
    command: `node --import tsx bench/consumer-heartbeats.ts --members ${size} --rounds ${ROUNDS}`,
    note: `median of ${ROUNDS} rounds of one heartbeat per member, ${m.partitions} partitions; ${m.recordsPerHeartbeat} __consumer_offsets records written per steady heartbeat`
  })
}
rec.details.groups = measured
rec.write()
