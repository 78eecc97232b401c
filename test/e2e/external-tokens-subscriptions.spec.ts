// A Kafka cluster's delegation tokens and client metrics subscriptions made in the console: a
// second `logdeck serve` on SASL_PLAINTEXT with a token secret key, reached only over the Kafka
// protocol through a connection logged in as admin. A token created in the Security view shows
// its HMAC once, which logs in (SCRAM with tokenauth=true) and is gone once dismissed; Renew
// moves its expiry. The Client metrics view says the cluster's client instances are not the
// console's to know, and a subscription made in its form is what the cluster describes.
import { Connection, describeConfigsV4, metadataV12 } from '@platformatic/kafka'
import { test, expect } from './fixtures'
import { startServe, type ServeProcess } from '../support/serve-process'
import { platformaticTokenAuthenticator } from '../support/scram-token-client'
import { SecurityPage } from './pages/security-page'
import { ClientMetricsPage } from './pages/client-metrics-page'

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
    'alice:alice-secret',
    '--broker-config',
    'delegation.token.secret.key=e2e-secret'
  ])
})
test.afterAll(async () => {
  await external?.stop()
})

function address(): [string, number] {
  const [host, port] = external.bootstrap.split(',')[0]!.split(':')
  return [host!, Number(port)]
}

/** A Metadata request over a SCRAM login with the token: resolves when the login works. */
async function tokenLogin(tokenId: string, hmacBase64: string): Promise<number> {
  const c = new Connection('e2e-token-login', {
    sasl: {
      mechanism: 'SCRAM-SHA-512',
      authenticate: platformaticTokenAuthenticator({
        mechanism: 'SCRAM-SHA-512',
        tokenId,
        hmac: Buffer.from(hmacBase64, 'base64')
      })
    }
  })
  try {
    await c.connect(...address())
    const md = await metadataV12.api.async(c, [], false, false)
    return md.brokers.length
  } finally {
    await c.close()
  }
}

/** The subscription's configs as the cluster describes them, logged in as admin. */
async function described(name: string): Promise<Record<string, unknown>> {
  const c = new Connection('e2e-describe', {
    sasl: { mechanism: 'SCRAM-SHA-256', username: 'admin', password: 'admin-secret' }
  })
  try {
    await c.connect(...address())
    const answer = await describeConfigsV4.api.async(
      c,
      [{ resourceType: 16, resourceName: name }],
      false,
      false
    )
    return Object.fromEntries(answer.results[0]!.configs.map((x) => [x.name, x.value]))
  } finally {
    await c.close()
  }
}

test('a token created and renewed, and a subscription made, on a Kafka cluster', async ({
  shell,
  page,
  api
}) => {
  test.setTimeout(180_000)
  await api.call('connections.add', {
    id: 'secured',
    name: 'Secured',
    bootstrapServers: external.bootstrap.split(','),
    historyIntervalMs: 0,
    security: {
      protocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'admin', password: 'admin-secret' }
    }
  })
  await shell.open('#/connections')
  await page.getByTestId('use-connection-secured').click()
  await expect(page.getByTestId('connection-picker')).toHaveAttribute('data-connection', 'secured')

  await shell.goTo('security')
  const view = new SecurityPage(page)
  await expect(page.getByTestId('tokens-on')).toContainText('owned by User:admin')
  await page.getByTestId('token-create-open').click()
  await page.getByTestId('token-renewers').locator('input').fill('User:alice')
  await page.getByTestId('token-lifetime').locator('input').fill('48')
  await page.getByTestId('token-create').click()
  const created = page.getByTestId('token-created')
  await expect(created).toContainText('shown only this once')
  const tokenId = (await page.getByTestId('token-created-id').textContent())!.trim()
  const hmac = (await page.getByTestId('token-created-hmac').textContent())!.trim()
  expect(hmac).toMatch(/^[A-Za-z0-9+/]+=*$/)
  await expect(page.getByTestId('token-copy-hmac')).toBeVisible()
  const row = view.token(tokenId)
  await expect(row).toContainText('User:admin')
  await expect(row).toContainText('User:alice')
  expect(await tokenLogin(tokenId, hmac)).toBe(1)
  await shell.screenshot('external-token-created', { tall: true })

  await page.getByTestId('token-created-dismiss').click()
  await expect(created).toHaveCount(0)
  await expect(view.tokensPanel).not.toContainText(hmac)

  const before = await api.call('tokens.list', { connection: 'secured' } as never)
  const expiry = before.tokens.find((t) => t.tokenId === tokenId)!.expiryTimestamp
  await row.getByTestId('token-renew').click()
  await expect(page.getByText(`Token ${tokenId} renewed`)).toBeVisible()
  await expect
    .poll(async () => {
      const after = await api.call('tokens.list', { connection: 'secured' } as never)
      return after.tokens.find((t) => t.tokenId === tokenId)!.expiryTimestamp
    })
    .toBeGreaterThan(expiry)
  await shell.screenshot('external-token-renewed', { tall: true })

  await page.keyboard.press('Alt+C')
  await expect(shell.ui.title).toHaveText('Client metrics')
  await expect(page.getByTestId('client-instances-external')).toContainText(
    'does not tell the console which clients push metrics'
  )
  const ui = new ClientMetricsPage(page)
  await ui.name.fill('producers')
  await ui.metrics.fill('org.apache.kafka.producer.')
  await ui.interval.fill('60000')
  await ui.match.fill('client_id=orders-.*')
  await ui.save.click()
  await expect(ui.subscriptionRow('producers')).toContainText('org.apache.kafka.producer.')
  await expect(ui.subscriptionRow('producers')).toContainText('60000 ms')
  expect(await described('producers')).toEqual({
    metrics: 'org.apache.kafka.producer.',
    'interval.ms': '60000',
    match: 'client_id=orders-.*'
  })
  await shell.screenshot('external-client-metrics', { tall: true })
})
