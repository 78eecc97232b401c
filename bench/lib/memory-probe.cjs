// Preloaded into `logdeck serve` by the soak (node --require): every 5 s it appends what the
// process's resident memory is made of to the file LOGDECK_MEMORY_PROBE names, one JSON line each
// (MiB): the main thread's JavaScript heap, Buffers and other external memory
// (process.memoryUsage()), the heaps of the worker threads (each worker, which loads this file
// too, reports its own), each heap's spaces (reserved and used: what grows, new or old space),
// and the anonymous and file-backed parts of RSS (/proc/self/smaps_rollup).
// What is anonymous but in none of the heaps is native: SQLite's page caches, the allocator's.
const { readFileSync, appendFileSync } = require('node:fs')
const { isMainThread, threadId } = require('node:worker_threads')
const { getHeapSpaceStatistics } = require('node:v8')

const file = process.env.LOGDECK_MEMORY_PROBE
const INTERVAL_MS = 5000
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10
/** Each heap space's size (what V8 reserved) and used part, MiB: new_space [size, used], ... */
const spaces = () =>
  Object.fromEntries(
    getHeapSpaceStatistics()
      .filter((s) => s.space_size > 0)
      .map((s) => [s.space_name, [mib(s.space_size), mib(s.space_used_size)]])
  )

/** V8's full garbage collection, reached without starting the process with --expose-gc. */
function exposedGc() {
  require('node:v8').setFlagsFromString('--expose-gc')
  return require('node:vm').runInNewContext('gc')
}

if (file) {
  const channel = new BroadcastChannel('logdeck-memory-probe')
  channel.unref()
  if (isMainThread) {
    const workers = new Map()
    channel.onmessage = ({ data }) =>
      workers.set(data.threadId, { heap: data.heap, spaces: data.spaces, at: Date.now() })
    setInterval(() => {
      const m = process.memoryUsage()
      const rollup = {}
      for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
        const match = /^(\w+):\s+(\d+) kB$/.exec(line)
        if (match) rollup[match[1]] = Number(match[2]) * 1024
      }
      let workerHeaps = 0
      const workerSpaces = {}
      for (const [id, w] of workers) {
        if (Date.now() - w.at > 3 * INTERVAL_MS) workers.delete(id)
        else {
          workerHeaps += w.heap
          workerSpaces[id] = w.spaces
        }
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
        fileBacked: mib((rollup.Rss ?? 0) - (rollup.Anonymous ?? 0)),
        spaces: spaces(),
        workerSpaces
      }
      appendFileSync(file, JSON.stringify(line) + '\n')
    }, INTERVAL_MS).unref()
  } else {
    // With LOGDECK_MEMORY_PROBE_GC set, each worker collects its garbage before it reports, so
    // what its heap holds is told from what V8 has not collected yet.
    const gc = process.env.LOGDECK_MEMORY_PROBE_GC ? exposedGc() : () => {}
    setInterval(() => {
      gc()
      channel.postMessage({ threadId, heap: process.memoryUsage().heapTotal, spaces: spaces() })
    }, INTERVAL_MS).unref()
  }
}
