// The Security view's delegation tokens on a SASL_PLAINTEXT cluster with a token secret key:
// tokens a client created (@platformatic/kafka's CreateDelegationToken) are listed with owner,
// requester, renewers and their times; one is expired in the view, and the client then finds it
// gone (DELEGATION_TOKEN_NOT_FOUND). A token created in the view, for the owner named there, logs
// in with the HMAC shown once, and is renewed. The list is filtered by owner (a principal that is
// not TYPE:NAME is refused, naming the field), and a token is expired a period from now (hours or
// ms), which the client then sees, within the token's max time. Without the secret key the panel
// says how to turn tokens on.
import {
  Connection,
  createDelegationTokenV3,
  describeDelegationTokenV3,
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
    await expect(page.getByTestId('token-expire-effect')).toContainText('removed at once')
    await page.getByTestId('token-expire-confirm').click()
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

test('tokens are filtered by owner, and expire a period from now chosen in the view', async ({
  shell,
  page,
  server
}) => {
  const [host, port] = server.bootstrap.split(',')[0].split(':')
  const logIn = async (user: string) => {
    const c = new Connection(`e2e-${user}`, {
      sasl: { mechanism: 'SCRAM-SHA-256', username: user, password: `${user}-secret` }
    })
    await c.connect(host, Number(port))
    return c
  }
  const alice = await logIn('alice')
  const bob = await logIn('bob')
  /** The token's expiry as DescribeDelegationToken tells its owner. */
  const expiryOf = async (c: Connection, tokenId: string) => {
    const { tokens } = await describeDelegationTokenV3.api.async(c, null)
    return Number(tokens.find((t) => t.tokenId === tokenId)!.expiryTimestamp)
  }
  try {
    const bobUser = [{ principalType: 'User', principalName: 'bob' }]
    const alices = await createDelegationTokenV3.api.async(alice, null, null, bobUser, -1n)
    const bobs = await createDelegationTokenV3.api.async(bob, null, null, [], 3_600_000n)

    await shell.open('#/security')
    const view = new SecurityPage(page)
    const owners = page.getByTestId('token-owners').locator('input')
    await expect(view.token(bobs.tokenId)).toBeVisible()

    await owners.fill('alice')
    await page.getByTestId('token-filter').click()
    await expect(page.getByTestId('token-filter-problem')).toContainText(
      "owners.0: must be TYPE:NAME, e.g. User:alice (not 'alice')"
    )
    await expect(view.token(bobs.tokenId)).toBeVisible()

    // bob owns his token and renews alice's: both are his.
    await owners.fill('User:bob')
    await page.getByTestId('token-filter').click()
    await expect(page.getByTestId('token-filter-note')).toContainText('User:bob owns')
    await expect(page.getByTestId('token-filter-problem')).toHaveCount(0)
    await expect(view.token(alices.tokenId)).toBeVisible()
    await expect(view.token(bobs.tokenId)).toBeVisible()
    await owners.fill('User:alice')
    await page.getByTestId('token-filter').click()
    await expect(page.getByTestId('token-filter-note')).toContainText('User:alice owns')
    await expect(view.token(bobs.tokenId)).toHaveCount(0)
    await expect(view.token(alices.tokenId)).toContainText('User:bob')
    await shell.screenshot('delegation-tokens-filtered', { tall: true })

    // alice's token, in 2 hours: inside its max time (7 d); it stays listed.
    const dialog = page.getByTestId('token-expire-dialog')
    await view.token(alices.tokenId).getByTestId('token-expire').click()
    await dialog.getByTestId('token-expire-later').click()
    await dialog.getByTestId('token-expire-period').locator('input').fill('2')
    await expect(page.getByTestId('token-expire-effect')).toContainText('It will expire at')
    await expect(page.getByTestId('token-expire-effect')).not.toContainText('max time')
    await shell.screenshot('delegation-token-expire-in')
    const inDialog = await seriousViolations(page, '[data-testid="token-expire-dialog"]')
    expect(inDialog.map((f) => `${f.rule}: ${f.targets.join(', ')}`)).toEqual([])
    const before = Date.now()
    await page.getByTestId('token-expire-confirm').click()
    await expect(page.getByText(`Token ${alices.tokenId} expires`)).toBeVisible()
    const after = Date.now()
    const inTwoHours = await expiryOf(alice, alices.tokenId)
    expect(inTwoHours).toBeGreaterThanOrEqual(before + 2 * 3_600_000)
    expect(inTwoHours).toBeLessThanOrEqual(after + 2 * 3_600_000)
    await expect(view.token(alices.tokenId)).toBeVisible()
    // The filter stays on after the expiry.
    await expect(view.token(bobs.tokenId)).toHaveCount(0)

    // In milliseconds: 90,000 ms.
    await view.token(alices.tokenId).getByTestId('token-expire').click()
    await dialog.getByTestId('token-expire-later').click()
    await dialog.getByTestId('token-expire-unit').getByText('ms').click()
    await dialog.getByTestId('token-expire-period').locator('input').fill('90000')
    const msBefore = Date.now()
    await page.getByTestId('token-expire-confirm').click()
    // The dialog closes once the cluster has answered (an earlier message may still show).
    await expect(dialog).toBeHidden()
    const inMs = await expiryOf(alice, alices.tokenId)
    expect(inMs).toBeGreaterThanOrEqual(msBefore + 90_000)
    expect(inMs).toBeLessThanOrEqual(Date.now() + 90_000)

    // bob's token, in 10 hours: its max time is 1 h from its issue, and Kafka stops there.
    await page.getByTestId('token-filter-clear').click()
    await expect(page.getByTestId('token-filter-note')).toHaveCount(0)
    await view.token(bobs.tokenId).getByTestId('token-expire').click()
    await dialog.getByTestId('token-expire-later').click()
    await dialog.getByTestId('token-expire-period').locator('input').fill('10')
    await expect(page.getByTestId('token-expire-effect')).toContainText('its max time')
    await page.getByTestId('token-expire-confirm').click()
    await expect(dialog).toBeHidden()
    expect(await expiryOf(bob, bobs.tokenId)).toBe(Number(bobs.maxTimestampMs))

    const found = await seriousViolations(page, '#main')
    expect(found.map((f) => `${f.rule}: ${f.targets.join(', ')}`)).toEqual([])
  } finally {
    await alice.close()
    await bob.close()
  }
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
