// A fresh in-memory `logdeck serve` per test, an API client for setup, and page objects bound
// to the page.
import { test as base } from '@playwright/test'
import { startServe, type ServeProcess } from '../support/serve-process'
import { ApiClient } from './support/api'
import { ShellActions } from './actions/shell-actions'
import { WizardActions } from './actions/wizard-actions'
import { TopicActions } from './actions/topic-actions'
import { MessagesActions } from './actions/messages-actions'
import { GroupsActions } from './actions/groups-actions'
import { HotActions } from './actions/hot-actions'
import { ReplicationActions } from './actions/replication-actions'

/**
 * Stops the server, and kills it if it has not exited within `ms`: a server that hangs on
 * shutdown must not take the next test's time (it is reported on stderr, with its last output).
 */
async function stopWithin(server: ServeProcess, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const exited = server.stop()
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)))
  if ((await Promise.race([exited, late])) === 'late') {
    console.error(
      `logdeck serve did not exit within ${ms} ms of SIGTERM; killed. Last output:\n` +
        server.output().split('\n').slice(-15).join('\n')
    )
    await server.stop('SIGKILL')
  }
  clearTimeout(timer)
}

interface Fixtures {
  server: ServeProcess
  api: ApiClient
  shell: ShellActions
  wizard: WizardActions
  topic: TopicActions
  browse: MessagesActions
  groups: GroupsActions
  hot: HotActions
  replication: ReplicationActions
}

/**
 * A `server` fixture for a spec that needs its own cluster: `logdeck serve --in-memory` on free
 * ports with `args` added, stopped after the test.
 */
export function serverWith(args: string[]) {
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use: (server: ServeProcess) => Promise<void>) => {
    const server = await startServe(['--in-memory', '--port', '0', '--ui-port', '0', ...args])
    await use(server)
    await server.stop()
  }
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startServe([
      '--in-memory',
      '--port',
      '0',
      '--ui-port',
      '0',
      '--brokers',
      '3'
    ])
    await use(server)
    await stopWithin(server, 15_000)
  },
  api: async ({ server }, use) => {
    await use(new ApiClient(server))
  },
  shell: async ({ page, server }, use) => {
    await use(new ShellActions(page, server))
  },
  wizard: async ({ page }, use) => {
    await use(new WizardActions(page))
  },
  topic: async ({ page }, use) => {
    await use(new TopicActions(page))
  },
  browse: async ({ page }, use) => {
    await use(new MessagesActions(page))
  },
  groups: async ({ page }, use) => {
    await use(new GroupsActions(page))
  },
  hot: async ({ page }, use) => {
    await use(new HotActions(page))
  },
  replication: async ({ page }, use) => {
    await use(new ReplicationActions(page))
  }
})

export { expect } from '@playwright/test'
