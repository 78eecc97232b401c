// The Security view of a cluster whose TLS listeners set Kafka's ssl.enabled.protocols and
// ssl.cipher.suites (MODERN: TLS 1.3 only; OLD, by --listener-config, TLS 1.2 with one suite):
// it names each listener with what it negotiates beside Kafka's defaults; the broker configs
// panel lists them as set at start, each listener's own as Kafka's listener.name.<listener>.*
// forms, secrets hidden.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, serverWith } from './fixtures'
import { writeDevCertificates } from '../../src/server/dev-certificates'
import { BrokerConfigsPage } from './pages/broker-configs-page'

const certs = writeDevCertificates(mkdtempSync(join(tmpdir(), 'logdeck-e2e-tls-listeners-')))

const test = base.extend({
  server: serverWith([
    '--brokers',
    '2',
    '--listener',
    'MODERN=ssl:0',
    '--listener',
    'OLD=ssl:0',
    '--tls-cert',
    certs.cert,
    '--tls-key',
    certs.key,
    '--ssl.enabled.protocols',
    'TLSv1.3',
    '--listener-config',
    'OLD.ssl.enabled.protocols=TLSv1.2',
    '--listener-config',
    'listener.name.old.ssl.cipher.suites=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
  ])
})

test('the Security view names the TLS versions and cipher suites of each listener', async ({
  shell,
  page
}) => {
  await shell.open('#/security')
  await expect(page.getByTestId('security-off')).toContainText(
    'The listeners speak PLAINTEXT, MODERN (SSL, TLSv1.3), OLD (SSL, TLSv1.2, cipher suites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384):'
  )
  await shell.screenshot('security-tls-listeners')
})

test("the broker configs panel lists each listener's own TLS settings, in effect, secrets hidden", async ({
  shell,
  page
}) => {
  await shell.open('#/brokers')
  const ui = new BrokerConfigsPage(page)
  await ui.filter.fill('listener.name.old.ssl')
  await expect(ui.value('listener.name.old.ssl.enabled.protocols')).toHaveText('TLSv1.2')
  await expect(ui.source('listener.name.old.ssl.enabled.protocols')).toHaveText('set at start')
  await expect(ui.row('listener.name.old.ssl.enabled.protocols')).toContainText('read-only')
  await expect(ui.noEffect('listener.name.old.ssl.enabled.protocols')).toHaveCount(0)
  await expect(ui.value('listener.name.old.ssl.cipher.suites')).toHaveText(
    'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
  )
  // Only what it was given: its keystore is the shared one.
  await expect(ui.row('listener.name.old.ssl.keystore.type')).toHaveCount(0)
  // The shared PEM key is set at start and, a password in Kafka, described without its value.
  await ui.filter.fill('ssl.keystore.key')
  await expect(ui.value('ssl.keystore.key')).toHaveText('(hidden)')
  await expect(ui.source('ssl.keystore.key')).toHaveText('set at start')
  await ui.filter.fill('ssl.keystore.location')
  await expect(ui.value('ssl.keystore.location')).toHaveText('(not set)')
})
