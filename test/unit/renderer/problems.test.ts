// Problems are told apart by their error code, never by the wording of the message.
import { describe, expect, it } from 'vitest'
import { CallError } from '../../../src/renderer/src/api/call-error'
import { toProblem } from '../../../src/renderer/src/stores/errors'

describe('toProblem', () => {
  it('a Logdeck that cannot be reached is not a method the cluster lacks', () => {
    const p = toProblem(new CallError('UNREACHABLE', 'the network is down'))
    expect(p.unavailable).toBe(false)
    expect(p.hint).toMatch(/Start Logdeck again/)
  })

  it('a method the cluster does not serve is unavailable, whatever its message says', () => {
    const p = toProblem(new CallError('UNAVAILABLE', 'Logdeck is not reachable, says a plugin'))
    expect(p.unavailable).toBe(true)
    expect(p.hint).toMatch(/does not offer it yet/)
  })
})
