// Whether a failure means the disk (or the database's quota of it) is full.

export function isDiskFull(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  return code === 'SQLITE_FULL' || code === 'ENOSPC'
}
