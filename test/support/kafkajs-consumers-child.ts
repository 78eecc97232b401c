// kafkajs consumers in a process of their own (kafkajs's fetcher spins on its event loop once its
// consumer stops running under it, which would starve brokers in the same process): a group that
// keeps rebalancing (a member joins every 150 ms, the oldest of four leaves) and a consumer whose
// Fetch long-polls a topic nobody writes to. Prints `join` at each group join and `idle` once the
// long-poll consumer has joined. Arguments: bootstrap, group topic, idle topic, id suffix.
import { Kafka, logLevel, type Consumer } from 'kafkajs'

const [bootstrap, groupTopic, idleTopic, suffix] = process.argv.slice(2)
const kafka = new Kafka({
  clientId: `busy-consumers-${suffix}`,
  brokers: bootstrap.split(','),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  retry: { initialRetryTime: 50, retries: 2 }
})

const members: Consumer[] = []
async function addMember(): Promise<void> {
  const c = kafka.consumer({
    groupId: `busy-group-${suffix}`,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 2000
  })
  members.push(c)
  c.on(c.events.GROUP_JOIN, () => console.log('join'))
  await c.connect()
  await c.subscribe({ topics: [groupTopic] })
  await c.run({ eachMessage: async () => undefined })
  if (members.length > 4) await members.shift()?.disconnect()
}

async function main(): Promise<void> {
  const idle = kafka.consumer({ groupId: `busy-idle-${suffix}`, maxWaitTimeInMs: 30_000 })
  idle.on(idle.events.GROUP_JOIN, () => console.log('idle'))
  await idle.connect()
  await idle.subscribe({ topics: [idleTopic] })
  await idle.run({ eachMessage: async () => undefined })
  for (;;) {
    await addMember()
    await new Promise((r) => setTimeout(r, 150))
  }
}

// The brokers going away ends it; the test kills it then.
main().catch((err: unknown) => console.log(`error ${String(err)}`))
