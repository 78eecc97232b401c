// Stands in for the two Kafka command-line tools librdkafka's test suite runs from KAFKA_PATH/bin:
// kafka-topics.sh --create (its tests 0052 and 0077) and kafka-acls.sh --add/--remove on a topic
// (0109, 0115, 0119), with the same arguments, through kafkajs's admin client.
//
//   node librdkafka-suite-kafka-cli.mjs kafka-topics.sh|kafka-acls.sh ARGS...
import kafkajs from 'kafkajs'

const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } =
  kafkajs
const FLAGS = new Set(['create', 'add', 'remove', 'force'])

function parse(args) {
  const opts = { config: [] }
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '')
    if (FLAGS.has(name)) opts[name] = true
    else if (i + 1 >= args.length) throw new Error(`${args[i]} needs a value`)
    else if (name === 'config') opts.config.push(args[++i])
    else opts[name] = args[++i]
  }
  return opts
}

async function topics(admin, opts) {
  if (!opts.create) throw new Error('only --create is supported')
  const configEntries = opts.config.map((kv) => {
    const at = kv.indexOf('=')
    return { name: kv.slice(0, at), value: kv.slice(at + 1) }
  })
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{
      topic: opts.topic,
      numPartitions: Number(opts.partitions ?? -1),
      replicationFactor: Number(opts['replication-factor'] ?? -1),
      configEntries
    }]
  })
}

async function acls(admin, opts) {
  const allow = 'allow-principal' in opts
  const acl = {
    resourceType: AclResourceTypes.TOPIC,
    resourceName: opts.topic,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: opts[allow ? 'allow-principal' : 'deny-principal'],
    host: opts[allow ? 'allow-host' : 'deny-host'] ?? '*',
    operation: AclOperationTypes[opts.operation.toUpperCase()],
    permissionType: allow ? AclPermissionTypes.ALLOW : AclPermissionTypes.DENY
  }
  if (acl.operation === undefined) throw new Error(`unknown --operation ${opts.operation}`)
  if (opts.add) await admin.createAcls({ acl: [acl] })
  else if (opts.remove) await admin.deleteAcls({ filters: [acl] })
  else throw new Error('give --add or --remove')
}

const [tool, ...args] = process.argv.slice(2)
const opts = parse(args)
const run = { 'kafka-topics.sh': topics, 'kafka-acls.sh': acls }[tool]
if (!run) throw new Error(`unknown tool ${tool}`)
const admin = new Kafka({ brokers: opts['bootstrap-server'].split(','), logLevel: logLevel.NOTHING }).admin()
await admin.connect()
try {
  await run(admin, opts)
} finally {
  await admin.disconnect()
}
