// The offset-reset form: where to move a group's committed offsets, checked before the engine
// is asked, and turned into groups.resetOffsets parameters.
import type { Params } from '../../../shared/contract'
import { formatTimestamp, plural } from './format'

export type ResetKind = 'earliest' | 'latest' | 'offset' | 'timestamp' | 'shiftBy'

export const resetKinds: { value: ResetKind; label: string; hint: string }[] = [
  { value: 'earliest', label: 'Earliest', hint: 'The log start offset: re-read everything kept' },
  { value: 'latest', label: 'Latest', hint: 'The high watermark: skip everything not read yet' },
  { value: 'offset', label: 'Offset', hint: 'The same offset on every chosen partition' },
  {
    value: 'timestamp',
    label: 'Timestamp',
    hint: 'The first record written at or after a moment'
  },
  {
    value: 'shiftBy',
    label: 'Shift by',
    hint: 'Back (negative) or forward from the committed offset'
  }
]

export interface ResetForm {
  topic: string | null
  /** All partitions the group committed on the topic, or only `partitions`. */
  scope: 'all' | 'chosen'
  partitions: number[]
  kind: ResetKind
  offset: number | null
  timestamp: number | null
  shiftBy: number | null
}

export function emptyResetForm(topic: string | null = null): ResetForm {
  return {
    topic,
    scope: 'all',
    partitions: [],
    kind: 'earliest',
    offset: 0,
    timestamp: null,
    shiftBy: -100
  }
}

/** Problems by field name; empty when the form can be sent. */
export function resetErrors(f: ResetForm): Record<string, string> {
  const e: Record<string, string> = {}
  if (!f.topic) e.topic = 'Choose a topic'
  if (f.scope === 'chosen' && f.partitions.length === 0)
    e.partitions = 'Choose at least one partition'
  if (f.kind === 'offset' && (f.offset === null || f.offset < 0 || !Number.isInteger(f.offset)))
    e.offset = 'An offset is a whole number, 0 or more'
  if (f.kind === 'timestamp' && f.timestamp === null) e.timestamp = 'Choose a date and time'
  if (f.kind === 'shiftBy' && (f.shiftBy === null || !Number.isInteger(f.shiftBy)))
    e.shiftBy = 'Shift by a whole number of records, negative to go back'
  else if (f.kind === 'shiftBy' && f.shiftBy === 0) e.shiftBy = 'Shifting by 0 changes nothing'
  return e
}

export function resetTarget(f: ResetForm): Params<'groups.resetOffsets'>['to'] {
  switch (f.kind) {
    case 'earliest':
      return { earliest: true }
    case 'latest':
      return { latest: true }
    case 'offset':
      return { offset: f.offset ?? 0 }
    case 'timestamp':
      return { timestamp: f.timestamp ?? 0 }
    case 'shiftBy':
      return { shiftBy: f.shiftBy ?? 0 }
  }
}

export function resetParams(
  groupId: string,
  f: ResetForm,
  dryRun: boolean
): Params<'groups.resetOffsets'> {
  return {
    groupId,
    topic: f.topic ?? '',
    ...(f.scope === 'chosen' ? { partitions: [...f.partitions].sort((a, b) => a - b) } : {}),
    to: resetTarget(f),
    dryRun
  }
}

/** What the reset does, in a few words: "to the earliest offset", "back by 100 records". */
export function describeTarget(f: ResetForm): string {
  switch (f.kind) {
    case 'earliest':
      return 'to the earliest offset'
    case 'latest':
      return 'to the latest offset'
    case 'offset':
      return `to offset ${f.offset ?? 0}`
    case 'timestamp':
      return f.timestamp === null ? 'to a moment' : `to ${formatTimestamp(f.timestamp)}`
    case 'shiftBy': {
      const n = f.shiftBy ?? 0
      return n < 0 ? `back by ${plural(-n, 'record')}` : `forward by ${plural(n, 'record')}`
    }
  }
}
