// Preloaded into `logdeck serve` by the soak (node --require): every 5 s it appends what the
// process's resident memory is made of to the file LOGDECK_MEMORY_PROBE names, one JSON line each
// (MiB): the main thread's JavaScript heap, Buffers and other external memory
// (process.memoryUsage()), the heaps of the worker threads (each worker, which loads this file
// too, reports its own), and the anonymous and file-backed parts of RSS (/proc/self/smaps_rollup).
// What is anonymous but in none of the heaps is native: SQLite's page caches, the allocator's.
const { readFileSync, appendFileSync } = require('node:fs')
const { isMainThread, threadId } = require('node:worker_threads')

const file = process.env.LOGDECK_MEMORY_PROBE
const INTERVAL_MS = 5000
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10

if (file) {
  const channel = new BroadcastChannel('logdeck-memory-probe')
  channel.unref()
  if (isMainThread) {
    const workers = new Map()
    channel.onmessage = ({ data }) =>
      workers.set(data.threadId, { heap: data.heap, at: Date.now() })
    setInterval(() => {
      const m = process.memoryUsage()
      const rollup = {}
      for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
        const match = /^(\w+):\s+(\d+) kB$/.exec(line)
        if (match) rollup[match[1]] = Number(match[2]) * 1024
      }
      let workerHeaps = 0
      for (const [id, w] of workers) {
        if (Date.now() - w.at > 3 * INTERVAL_MS) workers.delete(id)
        else workerHeaps += w.heap
      }
      const line = {
        at: Date.now(),
        rss: mib(m.rss),
        heapUsed: mib(m.heapUsed),
        heapTotal: mib(m.heapTotal),
        external: mib(m.external),
        arrayBuffers: mib(m.arrayBuffers),
        workers: workers.size,
        workerHeaps: mib(workerHeaps),
        anonymous: mib(rollup.Anonymous ?? 0),
        fileBacked: mib((rollup.Rss ?? 0) - (rollup.Anonymous ?? 0))
      }
      appendFileSync(file, JSON.stringify(line) + '\n')
    }, INTERVAL_MS).unref()
  } else {
    setInterval(() => {
      channel.postMessage({ threadId, heap: process.memoryUsage().heapTotal })
    }, INTERVAL_MS).unref()
  }
}
