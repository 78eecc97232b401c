// The Security view on a Kafka cluster (a second `logdeck serve` with SASL and the authorizer,
// reached only over the Kafka protocol): an ACL and a client quota are created and removed in
// the view and land on that cluster; the view says what a Kafka cluster does not tell (its super
// users, its clients' quota use). On a cluster without an authorizer the view says it keeps no
// ACLs and offers no form.
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { SecurityPage } from './pages/security-page'
import { selectOption } from './pages/select-option'

let secured: ServeProcess
let open: ServeProcess
test.beforeAll(async () => {
  secured = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--no-ui',
    '--brokers',
    '1',
    '--security',
    'sasl_plaintext',
    '--user',
    'admin:admin-secret',
    '--authorizer',
    '--super-user',
    'admin'
  ])
  open = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '1'])
})
test.afterAll(async () => {
  await secured?.stop()
  await open?.stop()
})

test('ACLs and client quotas of a Kafka cluster are managed in the Security view', async ({
  shell,
  api,
  page
}) => {
  test.setTimeout(120_000)
  await api.call('connections.add', {
    id: 'prod',
    name: 'Production',
    bootstrapServers: secured.bootstrap.split(','),
    security: {
      protocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'admin', password: 'admin-secret' }
    }
  })
  await api.call('connections.add', {
    id: 'lab',
    name: 'Lab',
    bootstrapServers: open.bootstrap.split(',')
  })

  // quotas.list takes no params of its own, which its type spells as none at all.
  const prodQuotas = () => api.call('quotas.list', { connection: 'prod' } as never)

  await shell.open('#/security')
  const picker = page.getByTestId('connection-picker')
  const pick = async (label: string) => {
    await picker.click()
    await page.locator('.n-dropdown-option', { hasText: label }).click()
  }
  await pick('Production')
  await expect(picker).toHaveAttribute('data-connection', 'prod')
  await expect(shell.ui.title).toHaveText('Security')
  const view = new SecurityPage(page)
  await expect(page.getByTestId('acls-external')).toContainText('super users')
  await expect(page.getByTestId('acls-external')).toContainText('cannot list')

  // An ACL added in the view is the cluster's.
  await view.aclPrincipal.fill('User:bob')
  await view.aclResourceName.fill('orders')
  await view.aclOperation.click()
  await selectOption(page, 'READ').click()
  await view.aclAdd.click()
  await expect(view.aclRows('User:bob')).toHaveCount(1)
  await expect(view.aclRows('User:bob')).toContainText('READ')
  expect((await api.call('acls.list', { connection: 'prod' })).acls).toEqual([
    {
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'LITERAL',
      principal: 'User:bob',
      host: '*',
      operation: 'READ',
      permission: 'ALLOW'
    }
  ])
  // ... and not the embedded cluster's.
  expect((await api.call('acls.list', {})).acls).toEqual([])

  // A client quota set in the view is the cluster's; its use is not known there, and the view
  // says so.
  await view.quotaName.fill('slow-app')
  await view.quotaProducer.fill('102400')
  await view.quotaSave.click()
  await expect(view.quotas).toContainText('client id slow-app')
  await expect(view.quotas).toContainText('100 KiB/s')
  await expect(page.getByTestId('quota-use-unknown')).toContainText('not something Kafka tells')
  expect((await prodQuotas()).quotas).toEqual([
    { entity: { 'client-id': 'slow-app' }, values: { producer_byte_rate: 102400 } }
  ])
  await shell.screenshot('external-acls-quotas', { tall: true })

  // Both are removed in the view.
  await view.acls.locator('tr[data-resource="orders"]').getByTestId('acl-delete').click()
  await page.locator('.n-popconfirm').getByRole('button', { name: 'Confirm' }).click()
  await expect(view.aclRows('User:bob')).toHaveCount(0)
  expect((await api.call('acls.list', { connection: 'prod' })).acls).toEqual([])
  await view.quotas.getByRole('button', { name: 'Remove the quotas of client id slow-app' }).click()
  await expect(view.quotas).not.toContainText('slow-app')
  expect((await prodQuotas()).quotas).toEqual([])

  // A cluster without an authorizer keeps no ACLs: the view says so and offers no form.
  await pick('Lab')
  await expect(picker).toHaveAttribute('data-connection', 'lab')
  await expect(view.authorizerState).toContainText('SECURITY_DISABLED')
  await expect(page.getByTestId('acls-no-authorizer')).toContainText('authorizer.class.name')
  await expect(page.getByTestId('acl-form')).toHaveCount(0)
  await expect(view.quotas).toBeVisible()
  await shell.screenshot('external-acls-quotas-no-authorizer', { tall: true })
})
