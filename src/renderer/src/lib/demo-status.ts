// The demo's clients in words: which one runs, is paused, or has stalled since when.
import type { DemoClientStatus, DemoStatus } from '../../../shared/api/demo'
import { formatClock, formatSpan, plural } from './format'

export type DemoClientState = 'running' | 'paused' | 'stalled' | 'starting'

export interface DemoClientLine {
  /** "demo producer", "demo consumer of demo-fulfillment". */
  who: string
  groupId: string | null
  topics: string
  state: DemoClientState
  /** "12,345 records acknowledged", "stalled since 14:03:07 (35 s): <last error>". */
  text: string
}

function stateOf(c: DemoClientStatus, paused = false): DemoClientState {
  if (paused) return 'paused'
  if (c.stalledSince !== null) return 'stalled'
  return c.lastProgressAt === null ? 'starting' : 'running'
}

function describe(c: DemoClientStatus, state: DemoClientState, did: string, now: number): string {
  const count = `${plural(c.records, 'record')} ${did}`
  if (state === 'paused') return `paused (left its group) · ${count}`
  if (state === 'stalled' && c.stalledSince !== null) {
    const since = `stalled since ${formatClock(c.stalledSince)} (${formatSpan(now - c.stalledSince)})`
    return c.lastError ? `${since}: ${c.lastError}` : since
  }
  return count
}

export function demoClientLines(status: DemoStatus | null, now: number): DemoClientLine[] {
  if (!status?.loaded) return []
  const lines: DemoClientLine[] = []
  if (status.producer) {
    const state = stateOf(status.producer)
    lines.push({
      who: 'demo producer',
      groupId: null,
      topics: status.producer.topics.join(', '),
      state,
      text: describe(status.producer, state, 'acknowledged', now)
    })
  }
  for (const c of status.consumers) {
    const state = stateOf(c, c.paused)
    lines.push({
      who: `demo consumer of ${c.groupId}`,
      groupId: c.groupId,
      topics: c.topic,
      state,
      text: describe(c, state, 'consumed', now)
    })
  }
  return lines
}

/** One line per stalled client, e.g. "demo producer stalled since 14:03:07". */
export function demoStalls(status: DemoStatus | null): string[] {
  return demoClientLines(status, Date.now())
    .filter((l) => l.state === 'stalled')
    .map((l) => {
      const c =
        l.groupId === null
          ? status?.producer
          : status?.consumers.find((x) => x.groupId === l.groupId)
      return `${l.who} stalled since ${formatClock(c?.stalledSince ?? Date.now())}`
    })
}
