// A fresh in-memory `logdeck serve` per test, an API client for setup, and page objects bound
// to the page.
import { test as base } from '@playwright/test'
import { startServe, type ServeProcess } from '../support/serve-process'
import { ApiClient } from './support/api'
import { ShellActions } from './actions/shell-actions'
import { WizardActions } from './actions/wizard-actions'
import { TopicActions } from './actions/topic-actions'
import { MessagesActions } from './actions/messages-actions'

interface Fixtures {
  server: ServeProcess
  api: ApiClient
  shell: ShellActions
  wizard: WizardActions
  topic: TopicActions
  browse: MessagesActions
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
    await server.stop()
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
  }
})

export { expect } from '@playwright/test'
