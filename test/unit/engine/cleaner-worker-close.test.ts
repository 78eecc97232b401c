// Closing the log cleaner's worker at any moment of its start: the worker says when it has
// opened its connection (loaded SQLite's native module), and closing waits for that before it
// terminates the thread, since Node aborts the whole process when a worker is terminated inside
// a native module's initialisation (node-addon-api's fatal "Error::New
// napi_get_last_error_info", seen once in CI when a cluster closed just after it started). The
// rounds run in a process of their own, so that such an abort fails this test instead of the run.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

it('starts and closes the cleaner worker 120 times, each close at another moment, and exits cleanly', () => {
  const script = fileURLToPath(new URL('../../support/cleaner-quick-close.ts', import.meta.url))
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '120'], {
    encoding: 'utf8',
    timeout: 120_000
  })
  expect(run.stderr).not.toContain('FATAL ERROR')
  expect(run.signal).toBeNull()
  expect(run.status).toBe(0)
  expect(run.stdout.trim()).toBe('closed 120')
}, 150_000)
