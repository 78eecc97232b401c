// max.topics.per.request: one CreateTopics or Metadata request creates at most that many topics,
// answers the rest with an error, and lets the event loop run while it works.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'

import { defaultKafkaLimits } from '../../../src/engine/kafka/limits'
import { mapInSlices } from '../../../src/engine/kafka/time-slices'
import { openEngine, send } from './helpers'

const CAP = defaultKafkaLimits.maxTopicsPerRequest
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i}`)

describe('max.topics.per.request', () => {
  it('CreateTopics creates the first ones and answers the rest THROTTLING_QUOTA_EXCEEDED (v6+)', async () => {
    const engine = openEngine()
    const res = await send(engine, 0, ApiKey.CreateTopics, 7, {
      topics: names('t', CAP + 3).map((name) => ({
        name,
        numPartitions: 1,
        replicationFactor: 1,
        assignments: [],
        configs: []
      })),
      timeoutMs: 1000,
      validateOnly: false
    })
    expect(res.topics.filter((t) => t.errorCode === ErrorCode.NONE)).toHaveLength(CAP)
    const refused = res.topics.slice(CAP)
    expect(refused.map((t) => t.errorCode)).toEqual(
      Array(3).fill(ErrorCode.THROTTLING_QUOTA_EXCEEDED)
    )
    expect(refused[0].errorMessage).toContain('max.topics.per.request')
    expect(engine.listTopics()).toHaveLength(CAP)
    expect(engine.topic(`t.${CAP}`)).toBeUndefined()
  })

  it('CreateTopics before v6 answers POLICY_VIOLATION for the rest', async () => {
    const engine = openEngine()
    const res = await send(engine, 0, ApiKey.CreateTopics, 2, {
      topics: names('old', CAP + 1).map((name) => ({
        name,
        numPartitions: 1,
        replicationFactor: 1,
        assignments: [],
        configs: []
      })),
      timeoutMs: 1000,
      validateOnly: false
    })
    expect(res.topics[CAP].errorCode).toBe(ErrorCode.POLICY_VIOLATION)
  })

  it('Metadata auto-creates the first ones (UNKNOWN_TOPIC_OR_PARTITION, as Kafka 4 answers a topic being created); the rest on the next request', async () => {
    const engine = openEngine()
    const request = { topics: names('auto', CAP + 2).map((name) => ({ name })) }
    const first = await send(engine, 0, ApiKey.Metadata, 1, request)
    expect(first.topics.every((t) => t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)).toBe(
      true
    )
    expect(engine.listTopics()).toHaveLength(CAP)
    expect(engine.topic(`auto.${CAP}`)).toBeUndefined()
    const again = await send(engine, 0, ApiKey.Metadata, 1, request)
    expect(again.topics.filter((t) => t.errorCode === ErrorCode.NONE)).toHaveLength(CAP)
    expect(again.topics.slice(CAP).map((t) => t.errorCode)).toEqual([
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    ])
    expect(engine.listTopics()).toHaveLength(CAP + 2)
    const third = await send(engine, 0, ApiKey.Metadata, 1, request)
    expect(third.topics.every((t) => t.errorCode === ErrorCode.NONE)).toBe(true)
  })
})

describe('mapInSlices', () => {
  it('yields to the event loop between slices and keeps the order', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    const busy = (ms: number) => {
      const end = performance.now() + ms
      while (performance.now() < end);
    }
    const slices: number[] = []
    const out = await mapInSlices(
      Array.from({ length: 40 }, (_, i) => i),
      (i) => {
        busy(2)
        return i * 2
      },
      { sliceMs: 10, countWork: (ms) => slices.push(ms) }
    )
    clearInterval(timer)
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2))
    // 80 ms of work in 10 ms slices: timers ran in between.
    expect(ticks).toBeGreaterThan(0)
    // Every slice is told, the work in them all.
    expect(slices.length).toBeGreaterThan(1)
    expect(slices.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(80)
  })
})
