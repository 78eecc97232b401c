// The data directory's disk in words: a short label for the header, and the sentence with what
// to do for the overview.
import type { StorageStatus } from '../../../shared/model'
import { formatBytes } from './format'

export interface StorageText {
  tone: 'warn' | 'bad'
  /** "disk full", "disk low". */
  label: string
  /** How much is free and what to do. */
  detail: string
}

/** null when storage is fine (or not known, as for a Kafka cluster). */
export function storageText(s: StorageStatus | undefined): StorageText | null {
  if (!s || s.state === 'ok') return null
  const free =
    s.freeBytes === null
      ? ''
      : `${formatBytes(s.freeBytes)} free${s.totalBytes ? ` of ${formatBytes(s.totalBytes)}` : ''}${s.dataDir ? ` on the disk of ${s.dataDir}` : ''}. `
  return {
    tone: s.state === 'full' ? 'bad' : 'warn',
    label: s.state === 'full' ? 'disk full' : 'disk low',
    detail: `${free}${s.advice}`
  }
}
