// Watches the free space of the data directory's disk (every checkIntervalMs) and what the
// database met writing to it: a storage state of ok, low or full, full as soon as the free space
// runs out, before a write fails on it. While full, new records are refused (Kafka's
// KAFKA_STORAGE_ERROR) while reads, consumer groups and deletes go on. A reserve file set aside
// at start is released for deletes, so that freeing space never fails for want of it; after a
// delete the database hands its free pages back to the disk.
import { closeSync, openSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Db } from './database'
import type { StorageState, StorageStatus } from '../../shared/model'

export interface StorageSettings {
  /** Bytes set aside in a reserve file and released for deletes when the disk is full. */
  reserveBytes: number
  /** Below this much free space (or 10% of a smaller disk) the state is low. */
  lowFreeBytes: number
  /** How often free space is checked (ms). */
  checkIntervalMs: number
}

const MiB = 1024 * 1024

export const defaultStorageSettings: StorageSettings = {
  reserveBytes: 32 * MiB,
  lowFreeBytes: 1024 * MiB,
  checkIntervalMs: 5000
}

/** Pages (4 KiB each) one vacuum step hands back when space is not short. */
const VACUUM_STEP_PAGES = 4096
/** Writes resume once this much is free beyond the reserve. */
const RESUME_FREE_BYTES = 1 * MiB
/**
 * Below this much free space (beyond the reserve) the disk counts as full before a write fails
 * on it; writes resume only at RESUME_FREE_BYTES, so the state does not flap in between.
 */
const FULL_FREE_BYTES = 512 * 1024
/** Room a change of the cluster's own state (a few rows) needs to be made whole. */
const CHANGE_ROOM_BYTES = 256 * 1024
export const RESERVE_FILE = 'logdeck.reserve'

export class StorageMonitor {
  private full = false
  private low = false
  private freeBytes: number | null = null
  private totalBytes: number | null = null
  private reserveHeld = 0
  private timer: NodeJS.Timeout | null = null
  private reclaiming = false
  private readonly reservePath: string | null

  constructor(
    private readonly db: Db,
    private readonly dir: string | null,
    private readonly settings: StorageSettings,
    private readonly changed: (status: StorageStatus) => void = () => {}
  ) {
    this.reservePath = dir === null ? null : join(dir, RESERVE_FILE)
  }

  start(): void {
    if (this.dir === null) return
    // A reserve left by an earlier run is kept when whole with room beside it; otherwise it is
    // released first, then taken again if it fits.
    if (this.reservePath && reserveInPlace(this.reservePath, this.settings.reserveBytes))
      this.reserveHeld = this.settings.reserveBytes
    else this.releaseReserve()
    this.check()
    this.timer = setInterval(() => this.check(), this.settings.checkIntervalMs)
    this.timer.unref()
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Whether new records may be written. */
  get writable(): boolean {
    return !this.full
  }

  /** A write failed for want of space: the state is full until space returns. */
  writeFailed(): void {
    if (this.full) return
    this.full = true
    this.check()
    this.changed(this.status())
  }

  status(): StorageStatus {
    const state: StorageState = this.full ? 'full' : this.low ? 'low' : 'ok'
    return {
      state,
      freeBytes: this.freeBytes,
      totalBytes: this.totalBytes,
      reserveBytes: this.reserveHeld,
      dataDir: this.dir,
      advice: advice(state)
    }
  }

  /**
   * Runs a delete with room to do it: on a full or low disk the reserve is released and the
   * database's freed pages are cut off in the same transaction (so the write-ahead log takes only
   * the few pages that change, not the deleted ones). Then the free pages go back to the disk.
   */
  freeing<T>(work: () => T): T {
    const short = this.full || this.low
    // No checkpoint first: it could grow the database file into the room the delete needs.
    if (short) this.releaseReserve()
    try {
      return this.db.transaction(() => {
        const result = work()
        if (short) this.vacuum()
        return result
      })()
    } finally {
      this.reclaim()
    }
  }

  /**
   * Runs a small change of the cluster's own state (a broker stopped or started) whole, in one
   * transaction, on a disk that may be full: when space is short the reserve is released for it
   * as for a delete (producers stay refused: the state stays full until space returns). With not
   * even that much room it throws `refused()` before `work` runs, so nothing changes.
   */
  withRoom<T>(refused: () => Error, work: () => T): T {
    const short = this.dir !== null && (this.full || this.low)
    if (short) {
      this.releaseReserve()
      const free = this.freeNow()
      if (free !== null && free < CHANGE_ROOM_BYTES) throw refused()
    }
    try {
      return this.db.transaction(work)()
    } finally {
      if (short) this.reclaim()
    }
  }

  private freeNow(): number | null {
    if (this.dir === null) return null
    try {
      const s = statfsSync(this.dir)
      return s.bavail * s.bsize
    } catch {
      return null
    }
  }

  /**
   * Returns free pages to the disk: an incremental vacuum (a step of it when space is not short),
   * then a checkpoint that copies the WAL into the shorter database; when space is short, one that
   * also truncates the WAL file. What cannot be done now is tried again by the next check.
   */
  reclaim(): void {
    if (this.dir === null) return
    const short = this.full || this.low
    if (this.freePages() > 0) this.vacuum(short ? undefined : VACUUM_STEP_PAGES)
    this.checkpoint(short ? 'TRUNCATE' : 'PASSIVE')
    this.check()
  }

  private vacuum(pages?: number): void {
    try {
      this.db.pragma(pages === undefined ? 'incremental_vacuum' : `incremental_vacuum(${pages})`)
    } catch {
      // No room even for that: the next check tries again.
    }
  }

  private freePages(): number {
    return Number(this.db.pragma('freelist_count', { simple: true }))
  }

  /** A checkpoint that never waits: with readers in the way it does what it can now. */
  private checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true })
    try {
      this.db.pragma('busy_timeout = 0')
      this.db.pragma(`wal_checkpoint(${mode})`)
    } catch {
      // Readers holding the WAL, or no room: tried again by the next check.
    } finally {
      this.db.pragma(`busy_timeout = ${Number(timeout)}`)
    }
  }

  /** Reads the disk's free space, restores the reserve when it fits, and updates the state. */
  check(): void {
    if (this.dir === null) return
    const before = this.status().state
    // What a delete freed but could not hand back yet (no room, readers, a large delete handed
    // back in steps) is handed back now.
    if (!this.reclaiming && (this.full || this.low || this.freePages() > 0)) {
      this.reclaiming = true
      try {
        this.reclaim()
      } finally {
        this.reclaiming = false
      }
      return
    }
    let free: number
    try {
      const s = statfsSync(this.dir)
      free = s.bavail * s.bsize
      this.totalBytes = s.blocks * s.bsize
    } catch {
      return
    }
    const wanted = this.settings.reserveBytes - this.reserveHeld
    if (wanted > 0 && free - wanted >= RESUME_FREE_BYTES && this.takeReserve()) free -= wanted
    this.freeBytes = free
    // Full, too, while the deletes' reserve cannot be set aside: what room is left is theirs.
    const reserved = this.reserveHeld >= this.settings.reserveBytes
    if (free < FULL_FREE_BYTES || !reserved) this.full = true
    else if (this.full && free >= RESUME_FREE_BYTES) this.full = false
    const lowBelow = Math.min(this.settings.lowFreeBytes, this.totalBytes * 0.1)
    this.low = free < lowBelow
    if (this.status().state !== before) this.changed(this.status())
  }

  private takeReserve(): boolean {
    if (!this.reservePath) return false
    const size = this.settings.reserveBytes
    let fd: number | null = null
    try {
      // Written, not just sized: a sparse file would set nothing aside.
      fd = openSync(this.reservePath, 'w')
      const chunk = Buffer.alloc(Math.min(size, MiB))
      for (let done = 0; done < size; done += chunk.length)
        writeSync(fd, chunk, 0, Math.min(chunk.length, size - done))
      closeSync(fd)
      this.reserveHeld = size
      return true
    } catch {
      if (fd !== null) closeSync(fd)
      this.releaseReserve()
      return false
    }
  }

  private releaseReserve(): void {
    if (!this.reservePath) return
    rmSync(this.reservePath, { force: true })
    this.reserveHeld = 0
  }
}

/**
 * Releases the reserve an earlier run left in a data directory: done before its databases are
 * opened, so that they open (their write-ahead logs need room) on a disk that filled up since.
 */
export function releaseReserve(dataDir: string, reserveBytes: number): void {
  if (!reserveInPlace(join(dataDir, RESERVE_FILE), reserveBytes))
    rmSync(join(dataDir, RESERVE_FILE), { force: true })
}

/**
 * Whether an earlier run's reserve is whole and the disk has as much room again beside it: then
 * it stays, instead of being deleted and written anew (32 MiB) at every start.
 */
function reserveInPlace(path: string, reserveBytes: number): boolean {
  try {
    if (statSync(path).size !== reserveBytes) return false
    const s = statfsSync(dirname(path))
    return s.bavail * s.bsize >= reserveBytes
  } catch {
    return false
  }
}

function advice(state: StorageState): string {
  switch (state) {
    case 'ok':
      return ''
    case 'low':
      return 'The disk is nearly full: delete topics or records you no longer need, lower retention, or free space on the disk.'
    case 'full':
      return 'The disk is full: producers get KAFKA_STORAGE_ERROR until space returns. Reading and consumer groups go on. Delete topics or records (deletes always have room), lower retention.ms or retention.bytes, or free space on the disk; writes resume by themselves.'
  }
}
