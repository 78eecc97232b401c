// The message browser as a person feels it, in Debian's Chromium against `logdeck serve`: from a
// click on Read to the rendered table for the latest and the earliest 500 records across 6
// partitions, expanding a row of that 500-row page, and expanding a 1 MiB JSON record. The data
// comes from kcat with batching (linger.ms, batch.num.messages), as real logs are made.
//
//   node --import tsx bench/message-browser.ts [--records N] [--runs N]
//
// Each time is measured in the page: from the click event to the first animation frame after the
// table (or the expanded record) is in the DOM, i.e. the next paint. The longest main-thread task
// seen during an expand is reported too: the page must stay responsive, not just paint early.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import config from '../playwright.config'
import { PRODUCER_TUNING } from './lib/kcat'
import { commandLine, run } from './lib/proc'
import { Recorder, median, round } from './lib/results'
import { createTopic, startServe, type Serve } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 120_000)
const RUNS = arg('--runs', 7)
const PAGE = 500
const TOPIC = 'bench.orders'
const LARGE_TOPIC = 'bench.large'
const LARGE_BYTES = 1024 * 1024 - 64

/** One order per line, "key\tvalue", about 300 bytes of JSON each. */
function ordersFile(dir: string): string {
  const lines: string[] = []
  for (let i = 0; i < RECORDS; i++) {
    const customer = `customer-${i % 997}`
    const value = {
      orderId: `ord-${i}`,
      customer,
      status: i % 7 === 0 ? 'failed' : 'placed',
      amount: (i * 37) % 10_000,
      currency: 'EUR',
      items: [
        { sku: `sku-${i % 311}`, qty: 1 + (i % 3), price: 19.99 },
        { sku: `sku-${(i * 7) % 311}`, qty: 1, price: 5.5 }
      ],
      shipping: { country: 'DE', city: 'Berlin', express: i % 5 === 0 },
      createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString()
    }
    lines.push(`${customer}\t${JSON.stringify(value)}`)
  }
  const file = join(dir, 'orders.txt')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

/** A JSON document of about `bytes` bytes: many small objects, nested, as an API dump is. */
function largeJson(bytes: number): string {
  const items: unknown[] = []
  let size = 20
  for (let i = 0; size < bytes - 200; i++) {
    const item = {
      id: i,
      name: `item-${i}`,
      tags: ['a', 'b', `t${i % 17}`],
      price: (i * 13) % 1000,
      nested: { ok: i % 2 === 0, note: null }
    }
    size += JSON.stringify(item).length + 1
    items.push(item)
  }
  let text = JSON.stringify({ kind: 'catalogue', items })
  if (text.length > bytes) text = JSON.stringify({ kind: 'catalogue', items: items.slice(0, -2) })
  return text
}

const CLICK_TO_RENDERED = `async ({ mode }) => {
  const q = (s) => document.querySelector(s)
  const firstRow = () => q('[data-testid=message-list] tbody tr[data-offset]')
  const id = (r) => r ? r.dataset.partition + ':' + r.dataset.offset : ''
  const label = [...document.querySelectorAll('[data-testid=browser-mode] label')]
    .find((l) => l.textContent.trim() === mode)
  label.click()
  await new Promise(requestAnimationFrame)
  const before = id(firstRow())
  const started = performance.now()
  q('[data-testid=browser-load]').click()
  await new Promise((resolve, reject) => {
    const give = setTimeout(() => reject(new Error('no new page in 30 s')), 30000)
    const check = () => {
      const r = firstRow()
      if (r && id(r) !== before && !q('[data-testid=browser-load] .n-base-loading')) {
        clearTimeout(give)
        resolve()
      } else requestAnimationFrame(check)
    }
    check()
  })
  await new Promise(requestAnimationFrame)
  return { ms: performance.now() - started, first: id(firstRow()) }
}`

const EXPAND = `async ({ index }) => {
  const rows = [...document.querySelectorAll('[data-testid=message-list] tbody tr[data-offset]')]
  const row = rows[Math.min(index, rows.length - 1)]
  const longest = { ms: 0 }
  let observer = null
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest.ms = Math.max(longest.ms, e.duration)
    })
    observer.observe({ type: 'longtask' })
  } catch {}
  const cell = row.querySelector('td:last-child')
  const started = performance.now()
  cell.click()
  await new Promise((resolve, reject) => {
    const give = setTimeout(() => reject(new Error('no expanded record in 30 s')), 30000)
    const check = () => {
      if (document.querySelector('[data-testid=message-detail]')) {
        clearTimeout(give)
        resolve()
      } else requestAnimationFrame(check)
    }
    check()
  })
  await new Promise(requestAnimationFrame)
  const ms = performance.now() - started
  // Whatever the page still had to do after the paint shows up as long tasks within a second.
  await new Promise((r) => setTimeout(r, 1000))
  observer?.disconnect()
  cell.click()
  await new Promise((r) => setTimeout(r, 100))
  return { ms, longestTaskMs: longest.ms }
}`

interface Expanded {
  ms: number
  longestTaskMs: number
}

/** Runs one of the scripts above in the page with its argument. */
function inPage<T>(page: Page, script: string, arg: unknown): Promise<T> {
  return page.evaluate(`(${script})(${JSON.stringify(arg)})`) as Promise<T>
}

async function choosePageSize(page: Page, n: number): Promise<void> {
  await page.getByTestId('browser-page-size').click()
  await page
    .locator('.n-base-select-option:visible')
    .filter({ hasText: new RegExp(`^\\s*${n} per page\\s*$`) })
    .click()
  // Polled with evaluate: the console's Content-Security-Policy forbids waitForFunction's eval.
  const started = Date.now()
  while (
    !(await page.evaluate(`(() => {
    const rows = document.querySelectorAll('[data-testid=message-list] tbody tr[data-offset]')
    const bar = document.querySelector('[data-testid=results-bar]')?.textContent ?? ''
    return rows.length > 0 &&
      !document.querySelector('[data-testid=browser-load] .n-base-loading') &&
      bar.includes('${n} messages')
  })()`))
  ) {
    if (Date.now() - started > 60_000) throw new Error(`no page of ${n} records in 60 s`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function produce(serve: Serve, dir: string): Promise<string> {
  await createTopic(serve, TOPIC, 6, 3)
  const file = ordersFile(dir)
  const kcatArgs = [
    '-P',
    '-b',
    serve.bootstrap,
    '-t',
    TOPIC,
    '-K',
    '\t',
    '-X',
    'partitioner=murmur2_random',
    ...PRODUCER_TUNING
  ]
  const out = await run('kcat', kcatArgs, { stdinFile: file, timeoutMs: 120_000 })
  if (out.code !== 0) throw new Error(`kcat failed: ${out.stderr}`)
  await createTopic(serve, LARGE_TOPIC, 1, 1, { 'max.message.bytes': String(2 * 1024 * 1024) })
  for (let i = 0; i < 3; i++)
    await serve.call('messages.produce', {
      topic: LARGE_TOPIC,
      partition: 0,
      key: `small-${i}`,
      value: JSON.stringify({ i })
    })
  await serve.call('messages.produce', {
    topic: LARGE_TOPIC,
    partition: 0,
    key: 'large',
    value: largeJson(LARGE_BYTES)
  })
  return commandLine('kcat', kcatArgs, 'ORDERS_TSV')
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-bench-browser-'))
  const rec = new Recorder('message-browser')
  const serveArgs = ['--data-dir', join(dir, 'data'), '--port', '0', '--ui-port', '0']
  const serve = await startServe(serveArgs)
  const launch = config.use?.launchOptions ?? {}
  const browser = await chromium.launch({
    executablePath: launch.executablePath ?? '/usr/bin/chromium',
    args: launch.args
  })
  try {
    const ui = /^UI: (http\S+)$/m.exec(serve.output())?.[1]
    if (!ui) throw new Error('serve printed no UI address')
    const kcatCommand = await produce(serve, dir)
    const page = await browser.newPage({ viewport: config.use?.viewport ?? undefined })
    await page.goto(`${ui}#/messages?topic=${TOPIC}`)
    await page.waitForSelector('[data-testid=message-list] tbody tr[data-offset]')
    await choosePageSize(page, PAGE)

    const latest: number[] = []
    const earliest: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const e = await inPage<{ ms: number }>(page, CLICK_TO_RENDERED, { mode: 'Earliest' })
      earliest.push(e.ms)
      const l = await inPage<{ ms: number }>(page, CLICK_TO_RENDERED, { mode: 'Latest' })
      latest.push(l.ms)
    }
    const expand: number[] = []
    const expandLongest: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const r = await inPage<Expanded>(page, EXPAND, { index: i * 2 })
      expand.push(r.ms)
      expandLongest.push(r.longestTaskMs)
    }

    await page.goto(`${ui}#/messages?topic=${LARGE_TOPIC}`)
    await page.waitForSelector('[data-testid=message-list] tbody tr[data-offset]')
    const large: number[] = []
    const largeLongest: number[] = []
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const index = await page.evaluate(`[...document.querySelectorAll(
        '[data-testid=message-list] tbody tr[data-offset]')].findIndex((r) => r.dataset.offset === '3')`)
      const r = await inPage<Expanded>(page, EXPAND, { index: Number(index) })
      large.push(r.ms)
      largeLongest.push(r.longestTaskMs)
    }

    const command = `node --import tsx bench/message-browser.ts (data: ${kcatCommand})`
    const perPartition = Math.round(RECORDS / 6)
    rec.figure({
      key: 'browser_latest_500_ms',
      label: `browser: Read latest ${PAGE} of 6 partitions, click to rendered table`,
      value: round(median(latest)),
      unit: 'ms',
      target: { op: '<=', value: 300 },
      command,
      note: `median of ${RUNS} in Chromium at 1360x860; ${RECORDS.toLocaleString('en-US')} records (~${perPartition.toLocaleString('en-US')} per partition) produced by kcat with batching`
    })
    rec.figure({
      key: 'browser_earliest_500_ms',
      label: `browser: Read earliest ${PAGE} of 6 partitions, click to rendered table`,
      value: round(median(earliest)),
      unit: 'ms',
      target: { op: '<=', value: 300 },
      command,
      note: `median of ${RUNS} in Chromium at 1360x860; ${RECORDS.toLocaleString('en-US')} records (~${perPartition.toLocaleString('en-US')} per partition) produced by kcat with batching`
    })
    rec.figure({
      key: 'browser_expand_row_ms',
      label: `browser: expand a row of a ${PAGE}-row page`,
      value: round(median(expand)),
      unit: 'ms',
      target: { op: '<=', value: 100 },
      command,
      note: `median of ${RUNS}; longest main-thread task during an expand ${round(Math.max(...expandLongest))} ms`
    })
    rec.figure({
      key: 'browser_expand_1mib_ms',
      label: 'browser: expand a 1 MiB JSON record',
      value: round(median(large)),
      unit: 'ms',
      target: { op: '<=', value: 200 },
      command,
      note: `median of ${large.length}; longest main-thread task within 1 s of the click ${round(Math.max(...largeLongest))} ms`
    })
    Object.assign(rec.details, {
      records: RECORDS,
      runs: RUNS,
      latestMs: latest.map((x) => round(x, 1)),
      earliestMs: earliest.map((x) => round(x, 1)),
      expandMs: expand.map((x) => round(x, 1)),
      expandLongestTaskMs: expandLongest.map((x) => round(x, 1)),
      largeExpandMs: large.map((x) => round(x, 1)),
      largeLongestTaskMs: largeLongest.map((x) => round(x, 1)),
      largeBytes: LARGE_BYTES
    })
    rec.write()
  } finally {
    await browser.close()
    await serve.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
