// The Security view on a Kafka cluster: a second `logdeck serve` on SASL_PLAINTEXT with a token
// secret key, reached only over the Kafka protocol, added on the Connections page with a SCRAM
// login. The view says what the connection sees; a user created there logs in with kcat; the
// console expires a token its login owns, and says why Kafka refuses to let it expire another's.
import { execFile } from 'node:child_process'
import { Connection, createDelegationTokenV3 } from '@platformatic/kafka'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { SecurityPage } from './pages/security-page'
import { selectOption } from './pages/select-option'

/** kcat's exit code for a metadata request logged in as `user`. */
function kcatLogin(bootstrap: string, user: string, password: string): Promise<number> {
  const args = ['-b', bootstrap, '-X', 'security.protocol=sasl_plaintext']
  args.push('-X', 'sasl.mechanism=SCRAM-SHA-512', '-X', `sasl.username=${user}`)
  args.push('-X', `sasl.password=${password}`, '-L', '-m', '5')
  return new Promise((resolve) => {
    const child = execFile('kcat', args, { timeout: 60_000 }, (err) =>
      resolve(err ? ((err as { code?: number }).code ?? 1) : 0)
    )
    child.stdin!.end()
  })
}

let external: ServeProcess
test.beforeAll(async () => {
  external = await startServe([
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
    '--user',
    'bob:bob-secret',
    '--broker-config',
    'delegation.token.secret.key=e2e-secret'
  ])
})
test.afterAll(async () => {
  await external?.stop()
})

/** A token `user` creates for itself. */
async function createToken(user: string, password: string) {
  const [host, port] = external.bootstrap.split(',')[0].split(':')
  const c = new Connection('e2e-external-tokens', {
    sasl: { mechanism: 'SCRAM-SHA-256', username: user, password }
  })
  await c.connect(host, Number(port))
  try {
    return await createDelegationTokenV3.api.async(c, null, null, [], -1n)
  } finally {
    await c.close()
  }
}

test('users and tokens of a Kafka cluster in the Security view', async ({ shell, page }) => {
  test.setTimeout(180_000)
  const owned = await createToken('admin', 'admin-secret')
  const bobs = await createToken('bob', 'bob-secret')

  await shell.open('#/connections')
  await page.getByTestId('add-connection').click()
  const form = page.getByTestId('connection-form')
  await form.getByTestId('connection-name').locator('input').fill('Secured')
  await form.getByTestId('connection-servers').locator('input').fill(external.bootstrap)
  await form.getByTestId('connection-protocol').click()
  await selectOption(page, 'SASL_PLAINTEXT').click()
  await form.getByTestId('connection-sasl-mechanism').click()
  await selectOption(page, 'SCRAM-SHA-512').click()
  await form.getByTestId('connection-username').locator('input').fill('admin')
  await form.getByTestId('connection-password').locator('input').fill('admin-secret')
  await form.getByTestId('connection-save').click()
  const card = page.getByTestId('connection-secured')
  await expect(card).toContainText(external.bootstrap)
  await card.getByTestId('use-connection-secured').click()
  await expect(page.getByTestId('connection-picker')).toHaveAttribute('data-connection', 'secured')

  await shell.goTo('security')
  const view = new SecurityPage(page)
  const seen = page.getByTestId('connection-security')
  await expect(seen).toContainText('over SASL_PLAINTEXT as User:admin (SCRAM-SHA-512)')
  await expect(seen).toContainText('known only for the one this connection uses')
  await expect(page.getByTestId('sasl-mechanisms')).toContainText(
    'The listener this connection uses offers SASL'
  )
  await expect(page.getByTestId('sasl-mechanisms')).toContainText('SCRAM-SHA-512')
  await expect(view.authorizerState).toContainText('no authorizer (SECURITY_DISABLED)')
  await expect(view.user('admin')).toBeVisible()
  await expect(view.user('bob')).toBeVisible()
  expect(await kcatLogin(external.bootstrap, 'svc', 'svc-pass')).not.toBe(0)

  await view.userName.fill('svc')
  await view.userPassword.fill('svc-pass')
  await view.userSave.click()
  await expect(page.getByText('User svc added')).toBeVisible()
  await expect(view.user('svc')).toContainText('SCRAM-SHA-512 (4096)')
  await expect(view.user('svc')).not.toContainText('PLAIN')
  expect(await kcatLogin(external.bootstrap, 'svc', 'svc-pass')).toBe(0)

  await expect(page.getByTestId('tokens-on')).toContainText('expires 1 d after')
  await expect(page.getByTestId('tokens-on')).toContainText('tokens User:admin may see')
  await expect(view.token(owned.tokenId)).toContainText('User:admin')
  await expect(view.token(bobs.tokenId)).toContainText('User:bob')
  await expect(view.tokensPanel).not.toContainText(owned.hmac.toString('base64'))
  await shell.screenshot('external-security', { tall: true })

  await view.token(owned.tokenId).getByTestId('token-expire').click()
  await page.getByTestId('token-expire-confirm').click()
  await expect(page.getByText(`Token ${owned.tokenId} expired`)).toBeVisible()
  await expect(view.token(owned.tokenId)).toHaveCount(0)

  await view.token(bobs.tokenId).getByTestId('token-expire').click()
  await page.getByTestId('token-expire-confirm').click()
  const refused = page.getByTestId('token-expire-dialog-error')
  await expect(refused).toContainText('The token was not expired')
  await expect(refused).toContainText("only a token's owner, requester or renewers")
  await expect(refused).not.toContainText('access token')
  await expect(view.token(bobs.tokenId)).toBeVisible()
  await shell.screenshot('external-security-token-refused', { tall: true })
})
