// KIP-848 heartbeats of a large consumer group: the coordinator's time per ConsumerGroupHeartbeat
// once every member of a group of N has its assignment (the steady heartbeats a group sends every
// heartbeat interval), and the __consumer_offsets records they write. In-process, no network: the
// group coordinator on an in-memory database, its records counted where the topic would take them.
//
//   node --import tsx bench/consumer-heartbeats.ts [--members N] [--rounds N]
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/engine/storage/database'
import { GroupCoordinator } from '../src/engine/groups/coordinator'
import type { Scheduler } from '../src/engine/groups/scheduler'
import type { ConsumerHeartbeatParams } from '../src/engine/groups/consumer-heartbeat'
import type { CoordinatorRecordSink } from '../src/engine/cluster/internal-topic'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const MEMBERS = arg('--members', 100)
const ROUNDS = arg('--rounds', 20)
const PARTITIONS = MEMBERS * 2

/** A clock that stands still: no session times out while the benchmark runs. */
const frozen: Scheduler = { now: () => 1_700_000_000_000, setTimer: () => ({ cancel: () => {} }) }

let written = 0
const sink: CoordinatorRecordSink = {
  ensure: () => {},
  write: (_groupId, records) => void (written += records.length),
  committed: () => {},
  rolledBack: () => {}
}
const db = openDatabase({ dataDir: ':memory:' })
const coordinator = new GroupCoordinator({
  db,
  scheduler: frozen,
  records: sink,
  partitions: {
    partitionCount: (t) => (t === 'orders' ? PARTITIONS : undefined),
    topicNames: () => ['orders'],
    topicId: (t) => (t === 'orders' ? '00000000-0000-0000-0000-00000000000a' : undefined)
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

interface Member {
  id: string
  epoch: number
  owned: { topic: string; partitions: number[] }[]
}
const members: Member[] = []
for (let i = 0; i < MEMBERS; i++) {
  const id = `member-${String(i).padStart(4, '0')}`
  const r = coordinator.consumerGroupHeartbeat(request({ memberId: id }), 1)
  if (r.errorCode !== 0) throw new Error(`join ${id}: error ${r.errorCode}`)
  members.push({ id, epoch: r.memberEpoch, owned: r.assignment ?? [] })
}

/** One heartbeat of each member, with what it owns; the time it took, in ms. */
function round(): number {
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
for (let i = 0; i < 10; i++) round()
const d = coordinator.consumerGroupHeartbeat(
  request({ memberId: members[0].id, memberEpoch: members[0].epoch, ownedPartitions: null }),
  1
)
if (d.errorCode !== 0) throw new Error('not stable')

written = 0
const times: number[] = []
for (let i = 0; i < ROUNDS; i++) times.push(round())
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]
const perBeat = (median / MEMBERS) * 1000
console.log(
  `${MEMBERS} members, ${PARTITIONS} partitions: ${perBeat.toFixed(1)} µs per heartbeat ` +
    `(median of ${ROUNDS} rounds, ${median.toFixed(2)} ms a round of ${MEMBERS}); ` +
    `${(written / (ROUNDS * MEMBERS)).toFixed(2)} records written per steady heartbeat`
)
coordinator.close()
db.close()
