// The Security view of a cluster whose SASL listeners take their PLAIN logins from different
// places: the first from its section of a JAAS file (--jaas-config), APPS from its own
// listener.name.apps.plain.sasl.jaas.config, LOCKED from a config without user_ options (every
// PLAIN login refused) and PARTNERS from the cluster's users; the Users panel says which, with
// the users a JAAS config lists and never a password.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, serverWith } from './fixtures'

const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule'
const DIR = mkdtempSync(join(tmpdir(), 'logdeck-e2e-jaas-'))
const JAAS = join(DIR, 'kafka_server_jaas.conf')
writeFileSync(
  JAAS,
  [
    'sasl_plaintext.KafkaServer {',
    `  ${PLAIN} required user_bob="bob-secret" user_erin="erin-secret";`,
    '};',
    'KafkaServer {',
    '  org.apache.kafka.common.security.scram.ScramLoginModule required;',
    '};'
  ].join('\n')
)

base.afterAll(() => rmSync(DIR, { recursive: true, force: true }))

const test = base.extend({
  server: serverWith([
    '--security',
    'sasl_plaintext',
    '--listener',
    'APPS=sasl_plaintext:0',
    '--listener-config',
    `APPS.plain.sasl.jaas.config=${PLAIN} required user_dave="dave-secret";`,
    '--listener',
    'LOCKED=sasl_plaintext:0',
    '--listener-config',
    `LOCKED.plain.sasl.jaas.config=${PLAIN} required username="admin" password="admin-secret";`,
    '--listener',
    'PARTNERS=sasl_plaintext:0',
    '--listener-config',
    'PARTNERS.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512',
    '--listener-config',
    'PARTNERS.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    '--jaas-config',
    JAAS,
    '--user',
    'alice:secret'
  ])
})

test("says where each listener's PLAIN logins come from, without a password", async ({
  shell,
  page
}) => {
  await shell.open('#/security')
  const sources = page.getByTestId('plain-source')
  await expect(sources).toHaveText([
    `SASL_PLAINTEXT the user_ options of section sasl_plaintext.KafkaServer of the JAAS file ${JAAS} (bob, erin)`,
    'APPS the user_ options of its JAAS config listener.name.apps.plain.sasl.jaas.config (dave)',
    'LOCKED the user_ options of its JAAS config listener.name.locked.plain.sasl.jaas.config (none: every PLAIN login is refused, as Kafka refuses it)',
    // PARTNERS' PLAIN takes KafkaServer, whose only module is ScramLoginModule.
    `PARTNERS the user_ options of section KafkaServer of the JAAS file ${JAAS} (none: every PLAIN login is refused, as Kafka refuses it)`
  ])
  // No listener checks PLAIN against the cluster's users: alice logs in with SCRAM only.
  await expect(page.getByTestId('sasl-mechanisms')).toContainText(
    'The users below log in with SCRAM-SHA-256, SCRAM-SHA-512'
  )
  const alice = page.locator('[data-user="alice"]')
  await expect(alice).toBeVisible()
  await expect(alice).not.toContainText('PLAIN')
  await expect(page.getByTestId('users-panel')).not.toContainText(/secret/)
  await shell.screenshot('security-plain-sources', { tall: true })
})

const withoutFile = base.extend({
  server: serverWith([
    '--security',
    'sasl_plaintext',
    '--listener',
    'APPS=sasl_plaintext:0',
    '--listener-config',
    `APPS.plain.sasl.jaas.config=${PLAIN} required user_dave="dave-secret";`,
    '--user',
    'alice:secret'
  ])
})

withoutFile("says which listeners take the cluster's users for PLAIN", async ({ shell, page }) => {
  await shell.open('#/security')
  await expect(page.getByTestId('plain-source')).toHaveText([
    'SASL_PLAINTEXT the users below',
    'APPS the user_ options of its JAAS config listener.name.apps.plain.sasl.jaas.config (dave)'
  ])
  await expect(page.getByTestId('sasl-mechanisms')).toContainText(
    'The users below log in with any of them'
  )
  await expect(page.locator('[data-user="alice"]')).toContainText('PLAIN')
})
