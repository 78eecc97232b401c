// Stands in for the Kafka tools kafka-python's test fixtures run from KAFKA_ROOT/bin to start a
// broker of their own (test/integration/fixtures.py, KafkaFixture; its SASL and SSL tests), with
// the same arguments:
// - kafka-storage.sh format -c PROPS [--add-scram 'MECHANISM=[name=NAME,password=PASSWORD]']:
//   keeps the SCRAM user in the properties' log.dirs, where the broker finds it at start.
// - kafka-run-class.sh kafka.Kafka PROPS: `logdeck serve --server-properties PROPS --in-memory`
//   with the JAAS file of KAFKA_OPTS (-Djava.security.auth.login.config) and the SCRAM users
//   formatted in; it prints the lines the fixtures wait for (Kafka's "Kafka Server started" and
//   its SCRAM credential replay) once the broker is ready, and stops it on SIGTERM.
// - kafka-topics.sh --list --bootstrap-server HOST:PORT [--command-config FILE]: the topic names,
//   through kafkajs's admin client, with the SASL login the command config gives.
//
//   node kafka-python-suite-kafka.mjs kafka-storage.sh|kafka-run-class.sh|kafka-topics.sh ARGS...
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import kafkajs from 'kafkajs'

const LOGDECK = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'logdeck.cjs')
/** Where a formatted log directory keeps the SCRAM users kafka-storage.sh added. */
const SCRAM_FILE = 'logdeck-scram-users.json'

/** A Java properties file's simple key=value lines (all the fixtures' templates hold). */
function properties(file) {
  const out = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([^#!\s][^=:\s]*)\s*[=:]\s*(.*?)\s*$/.exec(line)
    if (m) out[m[1]] = m[2]
  }
  return out
}

function option(args, name) {
  const at = args.indexOf(name)
  if (at < 0) return undefined
  if (at + 1 >= args.length) throw new Error(`${name} needs a value`)
  return args[at + 1]
}

function logDir(props) {
  const dir = (props['log.dirs'] ?? props['log.dir'] ?? '').split(',')[0]
  if (!dir) throw new Error('the properties name no log.dirs')
  return dir
}

function format(args) {
  if (args[0] !== 'format') throw new Error('only format is supported')
  const dir = logDir(properties(option(args, '-c') ?? option(args, '--config')))
  mkdirSync(dir, { recursive: true })
  const users = []
  for (const [i, a] of args.entries()) {
    if (a !== '--add-scram' && a !== '-S') continue
    const m = /^(SCRAM-SHA-(?:256|512))=\[name=([^,\]]+),password=([^\]]+)\]$/.exec(args[i + 1] ?? '')
    if (!m) throw new Error(`cannot read --add-scram ${args[i + 1]}`)
    users.push({ mechanism: m[1], name: m[2], password: m[3] })
  }
  writeFileSync(join(dir, SCRAM_FILE), JSON.stringify(users))
}

function runBroker(args) {
  if (args[0] !== 'kafka.Kafka' || !args[1]) throw new Error('only kafka.Kafka PROPS is supported')
  const file = args[1]
  const props = properties(file)
  const flags = ['serve', '--server-properties', file, '--in-memory', '--no-ui', '--no-schema-registry']
  const jaas = /-Djava\.security\.auth\.login\.config=(\S+)/.exec(process.env.KAFKA_OPTS ?? '')
  if (jaas) flags.push('--jaas-config', jaas[1])
  const scramFile = join(logDir(props), SCRAM_FILE)
  const scram = existsSync(scramFile) ? JSON.parse(readFileSync(scramFile, 'utf8')) : []
  for (const u of scram) flags.push('--user', `${u.name}:${u.password}`)
  const child = spawn(process.execPath, [LOGDECK, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] })
  let buffered = ''
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffered += chunk
    if (!/^ready$/m.test(buffered)) return
    buffered = ''
    const id = props['node.id'] ?? props['broker.id'] ?? '0'
    for (const u of scram)
      console.log(`Replayed UserScramCredentialRecord creating new entry for ${u.name} with mechanism ${u.mechanism}`)
    console.log(`[KafkaRaftServer nodeId=${id}] Kafka Server started`)
  })
  const stop = () => child.kill('SIGTERM')
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

async function listTopics(args) {
  if (!args.includes('--list')) throw new Error('only --list is supported')
  const brokers = (option(args, '--bootstrap-server') ?? '').split(',')
  const configFile = option(args, '--command-config')
  let sasl
  if (configFile) {
    const c = properties(configFile)
    const user = /username="([^"]*)"/.exec(c['sasl.jaas.config'] ?? '')
    const password = /password="([^"]*)"/.exec(c['sasl.jaas.config'] ?? '')
    if (c['sasl.mechanism'] && user && password)
      sasl = { mechanism: c['sasl.mechanism'].toLowerCase(), username: user[1], password: password[1] }
  }
  const { Kafka, logLevel } = kafkajs
  const admin = new Kafka({ brokers, sasl, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    for (const name of (await admin.listTopics()).sort()) console.log(name)
  } finally {
    await admin.disconnect()
  }
}

const [tool, ...args] = process.argv.slice(2)
const run = { 'kafka-storage.sh': format, 'kafka-run-class.sh': runBroker, 'kafka-topics.sh': listTopics }[
  tool
]
if (!run) throw new Error(`unknown tool ${tool}`)
await run(args)
