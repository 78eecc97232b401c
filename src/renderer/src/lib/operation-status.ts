// What a long operation's status says in words: how long it ran (until it ended, not until
// now) and its outcome in one line.
import type { OperationStatus } from '../../../shared/api/metrics'

/** "0.4 s", "12 s", "5 min 30 s". */
export function formatElapsed(ms: number): string {
  const clamped = Math.max(0, ms)
  if (clamped < 10_000) return `${(Math.round(clamped / 100) / 10).toFixed(1)} s`
  const s = Math.round(clamped / 1000)
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`
}

/** How long the operation ran: from its start to its end, or to `now` while it runs. */
export function operationElapsedMs(s: OperationStatus, now: number): number {
  const end = s.finishedAt ?? (s.done ? s.startedAt : now)
  return Math.max(0, end - s.startedAt)
}

/** "12 s" while it runs, "took 1.2 s" once it ended; null when a finished one never said when. */
export function operationDuration(s: OperationStatus, now: number): string | null {
  if (s.done && s.finishedAt === undefined) return null
  const text = formatElapsed(operationElapsedMs(s, now))
  return s.done ? `took ${text}` : text
}

export interface OperationOutcome {
  type: 'success' | 'warning' | 'error'
  /** "Done", "Cancelled", "Failed", or the warning of one that did not do what was asked. */
  label: string
  /** What follows the label on the same line (the summary, never saying the label twice). */
  rest: string
}

/** A summary that only repeats the counts shown above it ("Scanned 30 record(s); 3 matched"). */
function restatesCounts(summary: string, s: OperationStatus): boolean {
  const counts = `${s.processed} record(s); ${s.matched} matched`
  return summary === `Scanned ${counts}` || summary === `Cancelled after ${counts}`
}

export function operationOutcome(s: OperationStatus): OperationOutcome | null {
  if (s.error) return { type: 'error', label: 'Failed', rest: `: ${s.error}` }
  if (!s.done) return null
  const summary = s.summary?.trim()
  // Finished, but not as asked (e.g. nothing copied): the warning leads.
  if (s.warning && !s.cancelled)
    return {
      type: 'warning',
      label: s.warning,
      rest: summary && !restatesCounts(summary, s) ? ` — ${summary}` : ''
    }
  const [type, label] = s.cancelled
    ? (['warning', 'Cancelled'] as const)
    : (['success', 'Done'] as const)
  if (!summary || restatesCounts(summary, s)) return { type, label, rest: '' }
  if (summary.toLowerCase().startsWith(label.toLowerCase()))
    return { type, label, rest: summary.slice(label.length) }
  return { type, label, rest: `: ${summary}` }
}
