// The Schemas view: a schema registered in the console, a record produced with it from the
// produce dialog and shown decoded in the message browser (linking back to its version), an
// incompatible change refused with what it breaks before anything is saved, a compatible one
// saved and compared side by side, the level changed and a version deleted. No serious axe
// violation on the views or the dialog.
import { test, expect } from './fixtures'
import { SchemasPage } from './pages/schemas-page'
import { seriousViolations } from './support/axe'

const payment = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'Payment', namespace: 'shop', fields }, null, 2)
const V1 = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' }
])
const BROKEN = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'string' }
])
const V2 = payment([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' },
  { name: 'currency', type: 'string', default: 'EUR' }
])

test('register, produce with it, read it decoded, and see an incompatible change explained', async ({
  shell,
  browse,
  api,
  page
}) => {
  await api.createTopic('payments', 1, 3)
  await shell.open('#/')
  await page.keyboard.press('Alt+0')
  await expect(shell.ui.title).toHaveText('Schemas')
  const ui = new SchemasPage(page)
  await expect(page.getByTestId('empty-state')).toContainText('No schemas yet')

  // Register the first version of payments-value.
  await ui.registerSubject.click()
  await ui.subjectName.fill('payments-value')
  await ui.schemaText.fill(V1)
  await expect(ui.confirm).toHaveText('Check compatibility')
  await ui.confirm.click()
  await expect(ui.verdict).toContainText('Compatible: this is the subject’s first version')
  await ui.confirm.click()
  await expect(ui.dialog).toBeHidden()
  const row = ui.subject('payments-value')
  await expect(row.getByTestId('subject-latest')).toHaveText('1')
  await expect(row.getByTestId('subject-topic')).toHaveText('payments (value)')
  await expect(row.getByTestId('subject-compatibility')).toHaveText('BACKWARD (global)')
  await shell.screenshot('schemas-list')
  expect((await seriousViolations(page, '#main')).map((f) => f.rule)).toEqual([])

  // Produce with it: the dialog picks the topic's value subject; a value that does not fit is
  // refused under the value field, naming the field.
  await shell.open('#/messages?topic=payments&partition=0')
  const m = browse.ui
  await page.getByTestId('produce-open').click()
  await expect(m.produceDialog.getByTestId('produce-value-schema')).toContainText(
    'payments-value (AVRO, latest: version 1)'
  )
  await m.produceKey.fill('p-1')
  await m.produceValue.fill('{"id": "p-1", "amount": "ten"}')
  await m.produceSend.click()
  await expect(m.produceDialog).toContainText(
    'The value does not fit payments-value version 1: field `amount` must be double, not "ten"'
  )
  await shell.screenshot('schemas-produce-refused')
  await m.produceValue.fill('{"id": "p-1", "amount": 12.5}')
  await m.produceSend.click()
  await expect(m.produceResult).toContainText('1 sent')
  await page.keyboard.press('Escape')
  await expect(m.produceDialog).toBeHidden()

  // The browser shows it decoded, with its schema.
  await m.mode('Earliest').click()
  await m.read.click()
  await m.row(0, 0).click()
  await expect(m.detail).toContainText('"amount": 12.5')
  const badge = m.detail.getByTestId('record-schema')
  await expect(badge).toHaveText(/Avro · payments-value v1 · id \d+/)
  await shell.screenshot('schemas-record-decoded')
  await badge.click()
  await expect(shell.ui.title).toHaveText('payments-value')

  // An incompatible change is explained before anything is saved.
  await ui.registerVersion.click()
  await expect(ui.schemaText).toHaveValue(V1)
  await ui.schemaText.fill(BROKEN)
  await ui.confirm.click()
  await expect(ui.verdict).toContainText('This change breaks consumers on version 1 under BACKWARD')
  await expect(ui.problems).toHaveText([
    "Consumers on the new schema cannot read version 1's records: field `amount` changed type from double to string"
  ])
  await expect(ui.confirm).toBeDisabled()
  await shell.screenshot('schemas-incompatible')
  expect(
    (await seriousViolations(page, '[data-testid="register-schema-dialog"]')).map((f) => f.rule)
  ).toEqual([])

  // A compatible one is saved and compared with the first.
  await ui.schemaText.fill(V2)
  await ui.confirm.click()
  await expect(ui.verdict).toContainText('Compatible with version 1 under BACKWARD')
  await ui.confirm.click()
  await expect(ui.dialog).toBeHidden()
  await expect(ui.version(2)).toBeVisible()
  await expect(ui.diffRows('added')).toHaveCount(5)
  await expect(ui.diff).toContainText('"name": "currency",')
  await shell.screenshot('schemas-diff', { tall: true })
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
  await page.emulateMedia({ colorScheme: 'light' })

  // The level, then a soft delete of version 2 after a confirmation.
  await ui.level.click()
  await ui.option('FULL_TRANSITIVE').click()
  await expect(ui.levelInForce).toHaveText('In force: FULL_TRANSITIVE')
  await ui.version(2).getByTestId('version-delete').click()
  await expect(ui.deleteDialog).toContainText('soft-deletes the version 2 of payments-value')
  await ui.deleteConfirm.click()
  await expect(ui.deleteDialog).toBeHidden()
  await expect(ui.version(2)).toContainText('soft-deleted')
  const subjects = await api.call('schemas.subjects', {})
  expect(subjects.subjects).toMatchObject([
    { subject: 'payments-value', latestVersion: 1, compatibility: 'FULL_TRANSITIVE' }
  ])
})
