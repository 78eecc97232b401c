// The log manager: loading every partition's state at open, configs, partitions added later.
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_LOG_CONFIG } from '../../../src/engine/log/log-config'
import { batch, cleanup, harness, records, tempDir } from './helpers'

afterEach(cleanup)

describe('log manager', () => {
  it('loads the state of every partition at open', () => {
    const h = harness(tempDir())
    const ids = [h.topic('a', 3), h.topic('b', 2, { 'segment.bytes': '100' })]
    for (const id of ids)
      for (let p = 0; p < 2; p++)
        for (let i = 0; i <= p; i++) h.logs.log(id, p).append(batch(records(4)))
    h.logs.log(ids[1], 1).deleteRecordsBefore(3)
    const again = h.reopen()
    expect([...again.logs.logs()]).toHaveLength(5)
    const state = (id: number, p: number) => {
      const log = again.logs.log(id, p)
      return [log.logStartOffset, log.logEndOffset, log.segments.length]
    }
    expect(state(ids[0], 0)).toEqual([0, 4, 1])
    expect(state(ids[0], 1)).toEqual([0, 8, 1])
    expect(state(ids[0], 2)).toEqual([0, 0, 0])
    expect(state(ids[1], 1)).toEqual([3, 8, 2])
    expect(again.logs.log(ids[1], 1).config.segmentBytes).toBe(100)
  })

  it('applies topic configs to existing and later partitions; defaults otherwise', () => {
    const h = harness()
    const id = h.topic('t', 1)
    const log = h.logs.log(id, 0)
    expect(log.config).toEqual(DEFAULT_LOG_CONFIG)
    const config = h.logs.configureTopic(id, {
      'retention.ms': '1000',
      'cleanup.policy': 'compact,delete'
    })
    expect(log.config).toBe(config)
    expect(config).toMatchObject({ retentionMs: 1000, compactEnabled: true, deleteEnabled: true })
    const topic = h.topics.require('t')
    h.topics.addPartitions(topic, [[0]])
    const added = h.logs.log(id, 1)
    expect(added.config).toBe(config)
    expect(added.append(batch(records(2))).baseOffset).toBe(0)
    expect(() => h.logs.log(id, 5)).toThrow(/does not exist/)
  })

  it('forgets a deleted topic, whose batches went with it', () => {
    const h = harness()
    const id = h.topic('t', 2)
    h.logs.log(id, 0).append(batch(records(3)))
    h.topics.delete('t')
    h.logs.forgetTopic(id)
    expect([...h.logs.logs()]).toHaveLength(0)
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get()).toEqual({ n: 0 })
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM log_segments').get()).toEqual({ n: 0 })
  })
})
