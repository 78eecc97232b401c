// The Security view on a SASL_PLAINTEXT cluster with the authorizer on: users are added, their
// password changed and deleted; an ACL granting READ, added in the view, lets a consumer that was
// refused with TOPIC_AUTHORIZATION_FAILED go on; ACLs are filtered and deleted. Without SASL or
// the authorizer the view says how to turn them on. Client quotas are set and removed. No serious
// axe violation.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, serverWith } from './fixtures'
import { python } from '../support/external-clients'
import { SecurityPage } from './pages/security-page'
import { selectOption } from './pages/select-option'
import { seriousViolations } from './support/axe'

const test = base.extend({
  server: serverWith([
    '--brokers',
    '2',
    '--security',
    'sasl_plaintext',
    '--user',
    'admin:admin-secret',
    '--user',
    'bob:bob-secret',
    '--authorizer',
    '--super-user',
    'admin'
  ])
})

/** Subscribes as bob in group billing; writes its first error to `marker`, then reads on. */
const CONSUMER = `
import sys, time
from confluent_kafka import Consumer
bootstrap, marker, expected = sys.argv[1:4]
c = Consumer({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
              'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.username': 'bob',
              'sasl.password': 'bob-secret', 'group.id': 'billing',
              'auto.offset.reset': 'earliest', 'topic.metadata.refresh.interval.ms': 500})
c.subscribe(['orders'])
denied = None
seen = 0
deadline = time.time() + 90
while seen < int(expected) and time.time() < deadline:
    m = c.poll(0.5)
    if m is None:
        continue
    if m.error():
        if denied is None:
            denied = m.error().name()
            open(marker, 'w').write(denied)
        continue
    seen += 1
c.close()
print(denied, seen)
`

const dir = mkdtempSync(join(tmpdir(), 'logdeck-e2e-security-'))
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('users and ACLs are managed in the console, and a grant lets a refused consumer go on', async ({
  shell,
  api,
  page,
  server
}) => {
  test.setTimeout(180_000)
  await api.createTopic('orders', 1, 1)
  for (let i = 0; i < 5; i++)
    await api.call('messages.produce', { topic: 'orders', value: `order-${i}` })
  await api.call('acls.create', {
    acls: [
      {
        resourceType: 'GROUP',
        resourceName: 'billing',
        principal: 'User:bob',
        operation: 'READ',
        permission: 'ALLOW'
      }
    ]
  })

  await shell.open('#/security')
  await expect(shell.ui.title).toHaveText('Security')
  const view = new SecurityPage(page)
  await expect(view.authorizerState).toContainText('ACLs are enforced')
  await expect(view.authorizerState).toContainText('User:admin')
  await expect(page.getByTestId('sasl-mechanisms')).toContainText(
    'The listeners offer SASL PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.'
  )
  await expect(page.getByTestId('sasl-mechanisms')).toContainText(
    'The users below log in with any of them; only salted SCRAM credentials are kept'
  )
  await expect(view.user('admin')).toContainText('SCRAM-SHA-512')
  await expect(view.user('bob')).toBeVisible()

  // A user is added, its password changed, and it is deleted.
  await view.userName.fill('carol')
  await view.userPassword.fill('first')
  await expect(view.userSave).toHaveText('Add user')
  await view.userSave.click()
  await expect(view.user('carol')).toContainText('User:carol')
  await view.user('carol').getByTestId('user-change-password').click()
  await expect(view.userName).toHaveValue('carol')
  await expect(view.userSave).toHaveText('Change password')
  await view.userPassword.fill('second')
  await view.userSave.click()
  await expect(page.getByText('Password of carol changed')).toBeVisible()
  await view.user('carol').getByTestId('user-delete').click()
  await page.locator('.n-popconfirm').getByRole('button', { name: 'Confirm' }).click()
  await expect(view.user('carol')).toHaveCount(0)

  // Bob's consumer is refused: he may use his group but not read the topic.
  const marker = join(dir, 'denied')
  const consumer = python(CONSUMER, [server.bootstrap, marker, '5'], 150_000)
  // Python creates the file before it writes to it: wait for its content.
  await expect
    .poll(() => (existsSync(marker) ? readFileSync(marker, 'utf8') : ''), { timeout: 60_000 })
    .toBe('TOPIC_AUTHORIZATION_FAILED')

  // Granting READ in the console lets it go on.
  await view.aclPrincipal.fill('User:bob')
  await view.aclResourceName.fill('orders')
  await view.aclOperation.click()
  await selectOption(page, 'READ').click()
  await view.aclAdd.click()
  await expect(view.aclRows('User:bob')).toHaveCount(2)
  await shell.screenshot('security', { tall: true })
  const done = await consumer
  expect(done.code, done.stderr).toBe(0)
  expect(done.stdout.trim()).toBe('TOPIC_AUTHORIZATION_FAILED 5')

  // The filter narrows the list; a delete removes one ACL.
  await view.aclFilter.fill('GROUP')
  await expect(view.aclCount).toHaveText('1 of 2')
  await expect(view.aclRows('User:bob')).toHaveCount(1)
  await view.aclFilter.fill('')
  await view.acls.locator('tr[data-resource="billing"]').getByTestId('acl-delete').click()
  await page.locator('.n-popconfirm').getByRole('button', { name: 'Confirm' }).click()
  await expect(view.aclRows('User:bob')).toHaveCount(1)
  expect((await api.call('acls.list', {})).acls.map((a) => a.resourceName)).toEqual(['orders'])

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    const found = await seriousViolations(page, '#main')
    expect
      .soft(
        found.map((f) => `${f.rule}: ${f.targets.join(', ')}`),
        theme
      )
      .toEqual([])
  }
})

base(
  'without SASL or the authorizer the view says how to turn them on',
  async ({ shell, page }) => {
    await shell.open('#/')
    await page.keyboard.press('Alt+A')
    await expect(shell.ui.title).toHaveText('Security')
    const view = new SecurityPage(page)
    await expect(view.off).toContainText('--authorizer')
    await expect(view.off).toContainText('PLAINTEXT')
    await shell.screenshot('security-off')
  }
)

base('client quotas are set and removed in the view', async ({ shell, page, api }) => {
  await shell.open('#/security')
  const view = new SecurityPage(page)
  await view.quotaName.fill('slow-app')
  await view.quotaProducer.fill('102400')
  await view.quotaRequest.fill('25')
  await view.quotaMutations.fill('5')
  await view.quotaSave.click()
  await expect(view.quotas).toContainText('client id slow-app')
  await expect(view.quotas).toContainText('100 KiB/s')
  await expect(view.quotas).toContainText('25 %')
  await expect(view.quotas).toContainText('5 partitions/s')
  expect((await api.call('quotas.list', {})).quotas).toEqual([
    {
      entity: { 'client-id': 'slow-app' },
      values: { producer_byte_rate: 102400, request_percentage: 25, controller_mutation_rate: 5 }
    }
  ])
  await view.quotaTarget.click()
  await selectOption(page, 'IP address').click()
  await view.quotaName.fill('10.0.0.7')
  await view.quotaConnections.fill('20')
  await view.quotaSave.click()
  await expect(view.quotas).toContainText('IP 10.0.0.7')
  await expect(view.quotas).toContainText('20 connections/s')
  await shell.screenshot('security-quotas')
  await view.quotas.getByRole('button', { name: 'Remove the quotas of IP 10.0.0.7' }).click()
  await expect(view.quotas).not.toContainText('10.0.0.7')
  await view.quotas.getByRole('button', { name: 'Remove the quotas of client id slow-app' }).click()
  await expect(view.quotas).not.toContainText('slow-app')
  expect((await api.call('quotas.list', {})).quotas).toEqual([])
})
