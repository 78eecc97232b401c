// Crash-test child: appends batches to one partition log as fast as it can and prints a line
// for each append once it has returned (committed). The parent SIGKILLs it at random.
// Usage: node --import tsx test/crash/append-child.ts <dataDir> <run> <cleaner: 0|1>
import { LogCleaner } from '../../src/engine/log/cleaner'
import { LogManager } from '../../src/engine/log/log-manager'
import { TopicRegistry } from '../../src/engine/log/topic-registry'
import { encodeBatch } from '../../src/engine/records'
import { openDatabase } from '../../src/engine/storage/database'

const [dataDir, run, withCleaner] = process.argv.slice(2)
const db = openDatabase({ dataDir })
const topics = new TopicRegistry(db)
const topic =
  topics.get('crash') ??
  topics.create({ name: 'crash', replicaAssignment: [[0]], configs: { 'segment.bytes': '65536' } })
const logs = new LogManager(db)
logs.configureTopic(topic.id, topics.effectiveConfigs(topic))
const log = logs.log(topic.id, 0)
if (withCleaner === '1') new LogCleaner(logs, { intervalMs: 20 }).start()

// Pipes are synchronous on Linux: a line written is in the pipe before the next append starts.
process.stdout.write(`ready ${log.logEndOffset}\n`)
let seq = 0
for (;;) {
  const count = 1 + Math.floor(Math.random() * 40)
  const first = seq
  const batch = encodeBatch(
    Array.from({ length: count }, () => ({ key: `k${seq % 97}`, value: `${run}:${seq++}` }))
  )
  const res = log.append(batch)
  process.stdout.write(`ack ${res.baseOffset} ${res.lastOffset} ${run}:${first}\n`)
}
