// The Security view's delegation tokens on a SASL_PLAINTEXT cluster with a token secret key:
// tokens a client created (@platformatic/kafka's CreateDelegationToken) are listed with owner,
// requester, renewers and their times; one is expired in the view, and the client then finds it
// gone (DELEGATION_TOKEN_NOT_FOUND). A token created in the view, for the owner named there, logs
// in with the HMAC shown once, and is renewed. Without the secret key the panel says how to turn
// tokens on.
import {
  Connection,
  createDelegationTokenV3,
  metadataV12,
  renewDelegationTokenV2
} from '@platformatic/kafka'
import { test as base, expect } from './fixtures'
import { startServe } from '../support/serve-process'
import { SecurityPage } from './pages/security-page'
import { seriousViolations } from './support/axe'
import { platformaticTokenAuthenticator } from '../support/scram-token-client'

const serve = (extra: string[]) =>
  startServe([
    '--in-memory',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--brokers',
    '2',
    '--security',
    'sasl_plaintext',
    '--user',
    'alice:alice-secret',
    '--user',
    'bob:bob-secret',
    ...extra
  ])

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await serve(['--broker-config', 'delegation.token.secret.key=e2e-secret'])
    await use(server)
    await server.stop()
  }
})

test('tokens are listed with their owner, renewers and times, and expired in the view', async ({
  shell,
  page,
  server
}) => {
  const [host, port] = server.bootstrap.split(',')[0].split(':')
  const alice = new Connection('e2e-tokens', {
    sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password: 'alice-secret' }
  })
  await alice.connect(host, Number(port))
  try {
    const kept = await createDelegationTokenV3.api.async(
      alice,
      null,
      null,
      [{ principalType: 'User', principalName: 'bob' }],
      -1n
    )
    const doomed = await createDelegationTokenV3.api.async(alice, null, null, [], 3_600_000n)

    await shell.open('#/security')
    const view = new SecurityPage(page)
    await expect(page.getByTestId('tokens-on')).toContainText('expires 1 d after')
    await expect(page.getByTestId('tokens-on')).toContainText('at most 7 d')
    await expect(view.token(kept.tokenId)).toContainText('User:alice')
    await expect(view.token(kept.tokenId)).toContainText('User:bob')
    await expect(view.token(doomed.tokenId)).toContainText('none')
    await shell.screenshot('delegation-tokens', { tall: true })

    await view.token(doomed.tokenId).getByTestId('token-expire').click()
    await page.locator('.n-popconfirm').getByRole('button', { name: 'Confirm' }).click()
    await expect(page.getByText(`Token ${doomed.tokenId} expired`)).toBeVisible()
    await expect(view.token(doomed.tokenId)).toHaveCount(0)
    await expect(view.token(kept.tokenId)).toBeVisible()
    // The client finds it gone.
    const renewed = await renewDelegationTokenV2.api
      .async(alice, doomed.hmac, -1n)
      .catch((err: { response?: { errorCode: number } }) => err.response)
    expect(renewed?.errorCode).toBe(62) // DELEGATION_TOKEN_NOT_FOUND

    const found = await seriousViolations(page, '#main')
    expect(found.map((f) => `${f.rule}: ${f.targets.join(', ')}`)).toEqual([])
  } finally {
    await alice.close()
  }
})

test('a token created in the view logs in with the HMAC it shows once, and is renewed', async ({
  shell,
  page,
  server
}) => {
  const [host, port] = server.bootstrap.split(',')[0].split(':')
  await shell.open('#/security')
  const view = new SecurityPage(page)
  await page.getByTestId('token-create-open').click()
  // The console logs in as no one here: the owner must be named.
  await expect(page.getByTestId('token-create')).toBeDisabled()
  await page.getByTestId('token-owner').locator('input').fill('User:alice')
  await page.getByTestId('token-renewers').locator('input').fill('User:bob')
  await page.getByTestId('token-create').click()
  await expect(page.getByTestId('token-created')).toContainText('shown only this once')
  const tokenId = (await page.getByTestId('token-created-id').textContent())!.trim()
  const hmac = (await page.getByTestId('token-created-hmac').textContent())!.trim()
  await expect(view.token(tokenId)).toContainText('User:alice')
  await expect(view.token(tokenId)).toContainText('User:bob')
  const found = await seriousViolations(page, '#main')
  expect(found.map((f) => `${f.rule}: ${f.targets.join(', ')}`)).toEqual([])

  const byToken = new Connection('e2e-token-login', {
    sasl: {
      mechanism: 'SCRAM-SHA-256',
      authenticate: platformaticTokenAuthenticator({
        mechanism: 'SCRAM-SHA-256',
        tokenId,
        hmac: Buffer.from(hmac, 'base64')
      })
    }
  })
  try {
    await byToken.connect(host, Number(port))
    const md = await metadataV12.api.async(byToken, [], false, false)
    expect(md.brokers.length).toBe(2)
  } finally {
    await byToken.close()
  }

  await page.getByTestId('token-created-dismiss').click()
  await expect(view.tokensPanel).not.toContainText(hmac)
  await view.token(tokenId).getByTestId('token-renew').click()
  await expect(page.getByText(`Token ${tokenId} renewed`)).toBeVisible()
})

base.extend({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await serve([])
    await use(server)
    await server.stop()
  }
})(
  'without delegation.token.secret.key the panel says how to turn tokens on',
  async ({ shell, page }) => {
    await shell.open('#/security')
    await expect(page.getByTestId('tokens-off')).toContainText(
      '--broker-config delegation.token.secret.key=SECRET'
    )
    await expect(page.getByTestId('tokens-table')).toHaveCount(0)
  }
)
