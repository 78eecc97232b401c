// The storage state in words, as the header and the overview show it.
import { describe, expect, it } from 'vitest'
import { storageText } from '../../../src/renderer/src/lib/storage'
import type { StorageStatus } from '../../../src/shared/model'

const status = (s: Partial<StorageStatus>): StorageStatus => ({
  state: 'ok',
  freeBytes: 5 * 1024 * 1024 * 1024,
  totalBytes: 100 * 1024 * 1024 * 1024,
  reserveBytes: 32 * 1024 * 1024,
  dataDir: '/data/logdeck',
  advice: '',
  ...s
})

describe('storage state in words', () => {
  it('says nothing when the disk is fine or unknown (a Kafka cluster)', () => {
    expect(storageText(undefined)).toBe(null)
    expect(storageText(status({ state: 'ok' }))).toBe(null)
  })

  it('names a full disk as bad, with the free space, the folder and what to do', () => {
    const t = storageText(status({ state: 'full', freeBytes: 0, advice: 'Delete topics.' }))
    expect(t).toMatchObject({ tone: 'bad', label: 'disk full' })
    expect(t?.detail).toMatch(
      /^0 B free of 100(\.0)? GiB on the disk of \/data\/logdeck\. Delete topics\.$/
    )
  })

  it('names a low disk as a warning', () => {
    const t = storageText(status({ state: 'low', freeBytes: 512 * 1024 * 1024, advice: 'Soon.' }))
    expect(t).toMatchObject({ tone: 'warn', label: 'disk low' })
    expect(t?.detail).toContain('512')
    expect(t?.detail).toContain('Soon.')
  })
})
