import { describe, expect, it } from 'vitest'
import { checkTopicName } from '../../../src/renderer/src/lib/topic-name'
import { collisionIndex, collisionKey } from '../../../src/shared/kafka/topic-names'

describe('topic names', () => {
  const existing = collisionIndex(['orders.placed', 'payments'])

  it('accepts legal names', () => {
    expect(checkTopicName('orders.shipped', existing)).toEqual({ error: null, warning: null })
    expect(checkTopicName('a'.repeat(249), existing).error).toBeNull()
  })

  it('refuses what Kafka refuses, saying which character', () => {
    expect(checkTopicName('', existing).error).toMatch(/Enter a name/)
    expect(checkTopicName('.', existing).error).toMatch(/'\.' or '\.\.'/)
    expect(checkTopicName('..', existing).error).toMatch(/'\.' or '\.\.'/)
    expect(checkTopicName('a'.repeat(250), existing).error).toMatch(
      /At most 249 characters \(this one has 250\)/
    )
    expect(checkTopicName('orders placed', existing).error).toMatch(/^a space is not allowed/)
    expect(checkTopicName('orders/eu', existing).error).toMatch(/^'\/' is not allowed/)
    expect(checkTopicName('zürich', existing).error).toMatch(/^'ü' is not allowed/)
  })

  it('refuses an existing name and a "." / "_" collision', () => {
    expect(checkTopicName('payments', existing).error).toBe("Topic 'payments' already exists")
    expect(checkTopicName('orders_placed', existing).error).toMatch(
      /Collides with existing topic 'orders\.placed'/
    )
    expect(collisionKey('a.b_c')).toBe('a_b_c')
  })

  it('warns about internal-looking names and mixed separators', () => {
    expect(checkTopicName('__mine', existing)).toMatchObject({
      error: null,
      warning: expect.stringMatching(/internal/)
    })
    expect(checkTopicName('a.b_c', existing).warning).toMatch(/Mixing/)
  })
})
