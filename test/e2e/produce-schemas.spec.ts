// The produce dialog's schema pickers: the topic's key and value subjects picked for it, an
// earlier version chosen, and one of a Protobuf schema's messages (a nested one); the record
// comes back decoded with the version it was written with. No serious axe violation in the
// dialog; the CSV export names each side's subject, version and id.
import { readFile } from 'node:fs/promises'
import { test, expect } from './fixtures'
import { selectOption } from './pages/select-option'
import { seriousViolations } from './support/axe'

const proto = (extra: string) =>
  `syntax = "proto3";\npackage shop;\nmessage Header { string trace = 1; }\nmessage Order {\n  string id = 1;\n  message Line { string sku = 1; int32 qty = 2; }\n  repeated Line lines = 2;${extra}\n}\n`
const region = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'Region', namespace: 'shop', fields })

test('produce with a key schema, an earlier version and a Protobuf message picked', async ({
  shell,
  browse,
  api,
  page
}) => {
  await api.createTopic('orders', 1, 3)
  await api.call('schemas.register', {
    subject: 'orders-value',
    schemaType: 'PROTOBUF',
    schema: proto('')
  })
  await api.call('schemas.register', {
    subject: 'orders-value',
    schemaType: 'PROTOBUF',
    schema: proto('\n  string note = 3;')
  })
  await api.call('schemas.register', {
    subject: 'orders-key',
    schema: region([{ name: 'code', type: 'string' }])
  })

  await shell.open('#/messages?topic=orders&partition=0')
  const m = browse.ui
  await page.getByTestId('produce-open').click()
  const dialog = m.produceDialog
  // The topic's own subjects are picked for key and value, at their latest version.
  await expect(dialog.getByTestId('produce-value-schema')).toContainText(
    'orders-value (PROTOBUF, latest: version 2)'
  )
  await expect(dialog.getByTestId('produce-key-schema')).toContainText(
    'orders-key (AVRO, latest: version 1)'
  )
  await expect(dialog.getByTestId('produce-value-version')).toContainText('Latest')
  await dialog.getByTestId('produce-value-version').click()
  await selectOption(page, 'Version 1 (id 1)').click()
  await expect(dialog.getByTestId('produce-value-version')).toContainText('Version 1')
  // Three messages in the schema: the first is used unless another is picked.
  await expect(dialog.getByTestId('produce-value-message')).toContainText('shop.Header (the first)')
  await dialog.getByTestId('produce-value-message').click()
  await selectOption(page, 'shop.Order.Line').click()
  await expect(dialog.getByTestId('produce-value-message')).toContainText('shop.Order.Line')

  await m.produceKey.fill('{"code": "eu"}')
  await m.produceValue.fill('{"sku": "b-7", "qty": 3}')
  await shell.screenshot('produce-schema-pickers')
  expect(
    (await seriousViolations(page, '[data-testid="produce-dialog"]')).map((f) => f.rule)
  ).toEqual([])
  // A value that is not the picked message's is refused under the value field.
  await m.produceValue.fill('{"trace": "t-1"}')
  await m.produceSend.click()
  await expect(dialog).toContainText('field `trace` is not in message Line')
  await m.produceValue.fill('{"sku": "b-7", "qty": 3}')
  await m.produceSend.click()
  await expect(m.produceResult).toContainText('1 sent')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await m.mode('Earliest').click()
  await m.read.click()
  await m.row(0, 0).click()
  await expect(m.detail).toContainText('"sku": "b-7"')
  // Key and value each name the schema they were written with.
  await expect(m.detail.getByTestId('record-schema')).toHaveText([
    'Protobuf · orders-value v1 · id 1',
    'Avro · orders-key v1 · id 3'
  ])
  await shell.screenshot('produce-schema-record')
  // The CSV export names the schemas too: subject, version and id of key and value.
  const csv = await browse.exportAs('Download as CSV')
  const lines = (await readFile(csv.path, 'utf8')).trim().split('\r\n')
  expect(lines[0]).toMatch(
    /,keySubject,keyVersion,keySchemaId,valueSubject,valueVersion,valueSchemaId$/
  )
  expect(lines[1]).toMatch(/,orders-key,1,3,orders-value,1,1$/)
  const { records } = await api.call('messages.read', {
    topic: 'orders',
    partition: 0,
    from: 'earliest',
    limit: 1
  })
  expect(JSON.parse(records[0].key!)).toEqual({ code: 'eu' })
  expect(records[0].keySchema).toMatchObject({ type: 'AVRO', subject: 'orders-key', version: 1 })
  expect(records[0].valueSchema).toMatchObject({ subject: 'orders-value', version: 1 })
})
