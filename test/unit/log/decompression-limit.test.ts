// message.max.bytes bounds what a compressed batch may inflate to: a small gzip bomb is refused
// MESSAGE_TOO_LARGE, as is an LZ4 or zstd one, and nothing is appended.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { afterEach, describe, expect, it } from 'vitest'
import { CompressionType } from '../../../src/engine/records'
import { openDatabase } from '../../../src/engine/storage/database'
import { TopicRegistry } from '../../../src/engine/log/topic-registry'
import { LogManager } from '../../../src/engine/log/log-manager'
import { batch, errorCode } from './helpers'

const dbs: { close(): void }[] = []
afterEach(() => dbs.splice(0).forEach((d) => d.close()))

function logWith(messageMaxBytes?: number) {
  const db = openDatabase({ dataDir: ':memory:' })
  dbs.push(db)
  const topics = new TopicRegistry(db)
  const logs = new LogManager(db, messageMaxBytes)
  const t = topics.create({ name: 't', replicaAssignment: [[0]] })
  logs.configureTopic(t.id, topics.effectiveConfigs(t))
  return logs.log(t.id, 0)
}

describe('message.max.bytes on decompression', () => {
  const zeros = (n: number) => [{ key: 'k', value: Buffer.alloc(n) }]

  it('refuses a batch that inflates beyond it, for every codec', () => {
    for (const compression of [
      CompressionType.Gzip,
      CompressionType.Snappy,
      CompressionType.Lz4,
      CompressionType.Zstd
    ]) {
      const log = logWith(100_000)
      const bomb = batch(zeros(2_000_000), { compression })
      expect(bomb.length).toBeLessThan(200_000)
      expect(errorCode(() => log.append(bomb))).toBe(ErrorCode.MESSAGE_TOO_LARGE)
      expect(log.logEndOffset).toBe(0)
      expect(log.append(batch(zeros(50_000), { compression })).recordCount).toBe(1)
    }
  })

  it("defaults to Kafka's 1048588 bytes", () => {
    const log = logWith()
    expect(errorCode(() => log.append(batch(zeros(1_100_000), { compression: 1 })))).toBe(10)
    expect(log.append(batch(zeros(1_000_000), { compression: 1 })).recordCount).toBe(1)
  })
})
