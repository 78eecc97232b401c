// A fresh in-memory `logdeck serve` per test, and page objects bound to it.
import { test as base } from '@playwright/test'
import { startServe, type ServeProcess } from '../support/serve-process'
import { AppShell } from './pages/app-shell'
import { TopicsPage } from './pages/topics-page'

interface Fixtures {
  server: ServeProcess
  shell: AppShell
  topicsPage: TopicsPage
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
  shell: async ({ page, server }, use) => {
    const shell = new AppShell(page, server)
    await use(shell)
  },
  topicsPage: async ({ page }, use) => {
    await use(new TopicsPage(page))
  }
})

export { expect } from '@playwright/test'
