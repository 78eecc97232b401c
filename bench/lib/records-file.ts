// The input of the produce benchmarks: a file of N lines of 100 bytes (newline excluded), which
// kcat -P sends as one record per line.
import { closeSync, openSync, writeSync } from 'node:fs'

export const RECORD_BYTES = 100

export function writeRecordsFile(path: string, records: number): void {
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3)
  const chunkLines = 10_000
  const fd = openSync(path, 'w')
  try {
    for (let n = 0; n < records; n += chunkLines) {
      let text = ''
      for (let i = n; i < Math.min(records, n + chunkLines); i++) {
        const head = `record-${String(i).padStart(9, '0')}-`
        text += head + filler.slice(0, RECORD_BYTES - head.length) + '\n'
      }
      writeSync(fd, text)
    }
  } finally {
    closeSync(fd)
  }
}
