// The Brokers view of a cluster with two listeners (PLAINTEXT and a SASL_PLAINTEXT one added with
// --listener, advertised on other ports with --advertised-listener): every broker card shows its
// address on each, as `logdeck serve` printed them, and where the SASL one is advertised; the
// Security view says what each listener asks of clients, a third listener's own SASL mechanisms
// (--listener-config) included.
import { test as base, expect, serverWith } from './fixtures'

const test = base.extend({
  server: serverWith([
    '--brokers',
    '2',
    '--listener',
    'CLIENTS=sasl_plaintext:0',
    '--advertised-listener',
    'CLIENTS=localhost:39092',
    '--listener',
    'PARTNERS=sasl_plaintext:0',
    '--listener-config',
    'PARTNERS.sasl.enabled.mechanisms=SCRAM-SHA-512',
    '--user',
    'alice:secret'
  ])
})

test("shows every broker's address on each listener, and what each asks of clients", async ({
  shell,
  replication,
  server,
  page
}) => {
  const printed = (line: RegExp) => {
    const m = line.exec(server.output())
    if (!m) throw new Error(`no ${line} in:\n${server.output()}`)
    return m[1]
  }
  await shell.open('#/brokers')
  for (const id of [0, 1]) {
    const plain = printed(new RegExp(`^Kafka listener: broker ${id} at (\\S+)$`, 'm'))
    const sasl = printed(
      new RegExp(
        `^Kafka listener CLIENTS \\(SASL_PLAINTEXT\\): broker ${id} at (\\S+), advertised as localhost:${39092 + id}$`,
        'm'
      )
    )
    const partners = printed(
      new RegExp(`^Kafka listener PARTNERS \\(SASL_PLAINTEXT\\): broker ${id} at (\\S+)$`, 'm')
    )
    expect(plain).not.toBe(sasl)
    await expect(replication.ui.brokerEndpoints(id)).toHaveText([
      `PLAINTEXT ${plain}`,
      `CLIENTS ${sasl} advertised localhost:${39092 + id}`,
      `PARTNERS ${partners}`
    ])
  }
  await shell.screenshot('brokers-listeners')
  // The Security view names each listener's protocol, and which of them ask for a login.
  await shell.open('#/security')
  await expect(page.getByTestId('authorizer-state')).toContainText(
    'Listeners: PLAINTEXT, CLIENTS (SASL_PLAINTEXT), PARTNERS (SASL_PLAINTEXT).'
  )
  await expect(page.getByTestId('sasl-listeners')).toHaveText(
    'The listeners that ask for a login (CLIENTS, PARTNERS)'
  )
  // PARTNERS offers its own mechanisms (--listener-config PARTNERS.sasl.enabled.mechanisms).
  await expect(page.getByTestId('listener-mechanisms')).toHaveText(
    'CLIENTS PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; PARTNERS SCRAM-SHA-512'
  )
  await shell.screenshot('security-listeners')
})
