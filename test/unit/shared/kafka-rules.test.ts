import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { paramSchemas } from '../../../src/shared/schemas'
import { validateTopicName } from '../../../src/engine/log/topic-names'
import { checkTopicName } from '../../../src/renderer/src/lib/topic-name'
import { topicNameProblem } from '../../../src/shared/kafka/topic-names'
import { checkTopicConfig, kafkaTopicConfigs } from '../../../src/shared/kafka/topic-configs'
import { topicConfigFrom } from '../../../src/shared/kafka/topic-config'
import { configKind } from '../../../src/renderer/src/lib/topic-configs'

const nameChars = fc.constantFrom(...'ab.Z_-9 /ü'.split(''))
const names = fc.oneof(
  fc.string({ unit: nameChars, maxLength: 8 }),
  fc.constantFrom('', '.', '..', '...', 'a'.repeat(249), 'a'.repeat(250))
)

describe("Kafka's rules in one place", () => {
  it('the contract, the engine and the wizard agree on every topic name', () => {
    const schema = paramSchemas['topics.delete']
    fc.assert(
      fc.property(names, (name) => {
        const legal = topicNameProblem(name) === null
        expect(schema.safeParse({ name }).success).toBe(legal)
        let engineAccepts = true
        try {
          validateTopicName(name)
        } catch {
          engineAccepts = false
        }
        expect(engineAccepts).toBe(legal)
        expect(checkTopicName(name, new Map()).error === null).toBe(legal)
      })
    )
  })

  it('names the rule a topic name breaks', () => {
    expect(topicNameProblem('')).toEqual({ reason: 'empty' })
    expect(topicNameProblem('..')).toEqual({ reason: 'dots' })
    expect(topicNameProblem('a'.repeat(250))).toEqual({ reason: 'too-long', length: 250 })
    expect(topicNameProblem('a b')).toEqual({ reason: 'illegal-character', character: ' ' })
    expect(topicNameProblem('orders.placed_v2-eu')).toBeNull()
  })

  it('checks config values and gives their canonical form', () => {
    expect(checkTopicConfig('retention.ms', ' 60000 ')).toEqual({ ok: true, value: '60000' })
    expect(checkTopicConfig('cleanup.policy', 'compact, delete,compact')).toEqual({
      ok: true,
      value: 'compact,delete'
    })
    expect(checkTopicConfig('min.insync.replicas', '0')).toMatchObject({
      ok: false,
      unknown: false,
      problem: 'must be at least 1'
    })
    expect(checkTopicConfig('flush.ms', '1')).toMatchObject({ ok: false, unknown: true })
  })

  it('types a topic config once, with defaults for what is not set', () => {
    const defaults = topicConfigFrom()
    expect(defaults.minInsyncReplicas).toBe(1)
    expect(defaults.uncleanLeaderElection).toBe(false)
    expect(defaults.retentionMs).toBe(604_800_000)
    const set = topicConfigFrom({
      'min.insync.replicas': '2',
      'unclean.leader.election.enable': 'true',
      'cleanup.policy': 'compact'
    })
    expect(set).toMatchObject({
      minInsyncReplicas: 2,
      uncleanLeaderElection: true,
      compactEnabled: true,
      deleteEnabled: false
    })
  })

  it("the console's inputs come from the catalogue's types and units", () => {
    for (const def of kafkaTopicConfigs.values()) {
      const kind = configKind(def.name)
      if (def.kind.type === 'long' || def.kind.type === 'int')
        expect(kind.type).toBe(
          def.kind.unit === 'ms' ? 'duration' : def.kind.unit === 'bytes' ? 'bytes' : 'integer'
        )
      // Free-text configs (message.format.version, throttled replica lists) stay text.
      else if (def.kind.type === 'text') expect(kind.type).toBe('text')
      else expect(kind.type).not.toBe('text')
    }
    expect(configKind('cleanup.policy')).toEqual({
      type: 'enum',
      values: ['delete', 'compact', 'compact,delete']
    })
  })
})
