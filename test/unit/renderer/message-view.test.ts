import { describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../../src/shared/api/messages'
import {
  decodeBody,
  exportCsv,
  exportJson,
  hexDump,
  jsonTokens,
  preview,
  prettyJson
} from '../../../src/renderer/src/lib/message-view'

const rec = (over: Partial<MessageRecord> = {}): MessageRecord => ({
  partition: 0,
  offset: 7,
  timestamp: Date.UTC(2026, 10, 22, 12, 0, 0),
  timestampType: 'CreateTime',
  key: 'k1',
  value: '{"id":1,"ok":true}',
  headers: [{ key: 'source', value: 'web' }],
  sizeBytes: 40,
  ...over
})

describe('message view', () => {
  it('pretty-prints JSON only when it is JSON', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(prettyJson('[1,2]')).toBe('[\n  1,\n  2\n]')
    expect(prettyJson('hello')).toBeNull()
    expect(prettyJson('{broken')).toBeNull()
    expect(prettyJson(null)).toBeNull()
  })

  it('tokenizes JSON for highlighting, keeping every character', () => {
    const pretty = prettyJson('{"name":"a \\"b\\"","n":-1.5e3,"t":true,"z":null,"l":[1]}') ?? ''
    const tokens = jsonTokens(pretty)
    expect(tokens.map((t) => t.text).join('')).toBe(pretty)
    const kinds = (k: string) => tokens.filter((t) => t.kind === k).map((t) => t.text)
    expect(kinds('key')).toEqual(['"name"', '"n"', '"t"', '"z"', '"l"'])
    expect(kinds('string')).toEqual(['"a \\"b\\""'])
    expect(kinds('number')).toEqual(['-1500', '1'])
    expect(kinds('boolean')).toEqual(['true'])
    expect(kinds('null')).toEqual(['null'])
  })

  it('dumps hex with offsets and ASCII', () => {
    const bytes = new TextEncoder().encode('Hello, Kafka! 0123456789')
    const dump = hexDump(bytes).split('\n')
    expect(dump[0]).toBe(
      '00000000  48 65 6c 6c 6f 2c 20 4b  61 66 6b 61 21 20 30 31  |Hello, Kafka! 01|'
    )
    expect(dump[1].startsWith('00000010  32 33')).toBe(true)
    expect(dump[1].endsWith('|23456789|')).toBe(true)
  })

  it('decodes base64 as binary', () => {
    const b = decodeBody('AAEC/w==', 'base64')
    expect(b.binary).toBe(true)
    expect([...b.bytes]).toEqual([0, 1, 2, 255])
    expect(decodeBody(null).text).toBeNull()
    expect(decodeBody('é').bytes.length).toBe(2)
  })

  it('previews on one line', () => {
    expect(preview('a\n  b\tc')).toBe('a b c')
    expect(preview('x'.repeat(10), 5)).toBe('xxxx…')
    expect(preview(null)).toBe('null')
  })

  it('exports JSON with parsed values and headers as an object', () => {
    const out = JSON.parse(exportJson([rec(), rec({ offset: 8, value: 'plain' })])) as Record<
      string,
      unknown
    >[]
    expect(out[0]).toMatchObject({
      partition: 0,
      offset: 7,
      key: 'k1',
      value: { id: 1, ok: true },
      headers: { source: 'web' }
    })
    expect(out[0].timestampIso).toBe('2026-11-22T12:00:00.000Z')
    expect(out[1].value).toBe('plain')
    expect(out[0].valueSchema).toBeUndefined()
  })

  it('exports a typed record decoded, with its schema and the bytes as stored', () => {
    const valueSchema = { id: 3, type: 'AVRO' as const, subject: 'pay-value', version: 2 }
    const [out] = JSON.parse(
      exportJson([rec({ value: '{"amount":12.5}', valueSchema, valueRaw: 'AAAAAAMC' })])
    ) as Record<string, unknown>[]
    expect(out).toMatchObject({ value: { amount: 12.5 }, valueSchema, valueRaw: 'AAAAAAMC' })
    expect(out.valueEncoding).toBeUndefined()
  })

  it('exports CSV with quoting', () => {
    const csv = exportCsv([rec({ value: 'a,"b"\nc', key: null, headers: [] })]).split('\r\n')
    expect(csv[0]).toBe(
      'partition,offset,timestamp,time,key,value,headers,encoding,keySubject,keyVersion,keySchemaId,valueSubject,valueVersion,valueSchemaId'
    )
    expect(csv[1]).toMatch(/^0,7,\d+,[\d-]+ [\d:.]+ [+-]\d\d:\d\d,,"a,""b""\nc",,utf8,,,,,,$/)
    expect(csv[2]).toBe('')
  })

  it('exports CSV with the schema each typed key and value was decoded with', () => {
    const [, decoded, undecodable] = exportCsv([
      rec({
        key: '{"region":"eu"}',
        keySchema: { id: 4, type: 'JSON', subject: 'pay-key', version: 1 },
        value: '{"amount":12.5}',
        valueSchema: { id: 3, type: 'AVRO', subject: 'pay-value', version: 2 },
        headers: []
      }),
      rec({
        key: null,
        value: 'AAAAAAk=',
        valueEncoding: 'base64',
        valueSchema: { id: 9, type: 'UNKNOWN', error: 'not decoded: Schema 9 not found' },
        headers: []
      })
    ]).split('\r\n')
    expect(decoded).toMatch(/,"{""amount"":12.5}",,utf8,pay-key,1,4,pay-value,2,3$/)
    expect(undecodable).toMatch(/,AAAAAAk=,,base64,,,,,,9$/)
  })
})
