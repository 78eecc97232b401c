// The Security view of a cluster whose TLS listeners set Kafka's ssl.enabled.protocols and
// ssl.cipher.suites (MODERN: TLS 1.3 only; OLD, by --listener-config, TLS 1.2 with one suite):
// it names each listener with what it negotiates beside Kafka's defaults.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, serverWith } from './fixtures'
import { writeDevCertificates } from '../../src/server/dev-certificates'

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
