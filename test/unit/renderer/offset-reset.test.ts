// The offset-reset form: checks, parameters and the words for what it does.
import { describe, expect, it } from 'vitest'
import {
  describeTarget,
  emptyResetForm,
  resetErrors,
  resetParams,
  type ResetForm
} from '../../../src/renderer/src/lib/offset-reset'

const form = (over: Partial<ResetForm> = {}): ResetForm => ({
  ...emptyResetForm('orders'),
  ...over
})

describe('offset reset form', () => {
  it('checks each way of resetting', () => {
    expect(resetErrors(form())).toEqual({})
    expect(resetErrors(form({ topic: null })).topic).toBe('Choose a topic')
    expect(resetErrors(form({ scope: 'chosen' })).partitions).toBe('Choose at least one partition')
    expect(resetErrors(form({ kind: 'offset', offset: -1 })).offset).toBeDefined()
    expect(resetErrors(form({ kind: 'offset', offset: 1.5 })).offset).toBeDefined()
    expect(resetErrors(form({ kind: 'timestamp', timestamp: null })).timestamp).toBeDefined()
    expect(resetErrors(form({ kind: 'shiftBy', shiftBy: 0 })).shiftBy).toContain('changes nothing')
    expect(resetErrors(form({ kind: 'shiftBy', shiftBy: null })).shiftBy).toBeDefined()
  })

  it('builds the parameters, partitions only when chosen', () => {
    expect(resetParams('g', form(), true)).toEqual({
      groupId: 'g',
      topic: 'orders',
      to: { earliest: true },
      dryRun: true
    })
    expect(
      resetParams(
        'g',
        form({ scope: 'chosen', partitions: [3, 1], kind: 'shiftBy', shiftBy: -5 }),
        false
      )
    ).toEqual({
      groupId: 'g',
      topic: 'orders',
      partitions: [1, 3],
      to: { shiftBy: -5 },
      dryRun: false
    })
    expect(resetParams('g', form({ kind: 'latest' }), true).to).toEqual({ latest: true })
    expect(resetParams('g', form({ kind: 'offset', offset: 42 }), true).to).toEqual({ offset: 42 })
    expect(resetParams('g', form({ kind: 'timestamp', timestamp: 1000 }), true).to).toEqual({
      timestamp: 1000
    })
  })

  it('says what the reset does', () => {
    expect(describeTarget(form())).toBe('to the earliest offset')
    expect(describeTarget(form({ kind: 'shiftBy', shiftBy: -100 }))).toBe('back by 100 records')
    expect(describeTarget(form({ kind: 'shiftBy', shiftBy: 3 }))).toBe('forward by 3 records')
    expect(describeTarget(form({ kind: 'offset', offset: 7 }))).toBe('to offset 7')
  })
})
