// A small tmpfs of its own for a test of what a full disk does. Linux only, and only where a
// tmpfs can be mounted (root): `mounted` says whether the test can run.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Tmpfs {
  /** The mount point. */
  readonly dir: string
  readonly mounted: boolean
  /**
   * A file of its own takes everything the disk has left (written until ENOSPC, which is the
   * only error it swallows); returns its path.
   */
  fill(name?: string): string
  /**
   * Unmounts it, detaching it lazily when something still holds a file open there (a server
   * that did not stop), and removes the mount point. Safe to call more than once.
   */
  unmount(): void
}

/** Mounts a tmpfs of `sizeMiB` now, at a new temporary directory named after `name`. */
export function mountTmpfs(name: string, sizeMiB: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), `logdeck-${name}-`))
  let mounted =
    process.platform === 'linux' &&
    spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]).status === 0
  return {
    dir,
    get mounted() {
      return mounted
    },
    fill(file = 'ballast') {
      const path = join(dir, file)
      const fd = openSync(path, 'w')
      try {
        for (const chunk = Buffer.alloc(64 * 1024); ;) writeSync(fd, chunk)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
      } finally {
        closeSync(fd)
      }
      return path
    },
    unmount() {
      if (mounted && spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir])
      mounted = false
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
