// Copy-paste snippets that point a Kafka client at this cluster: every bootstrap server, an
// existing topic (a producer must not auto-create a one-partition topic), keys placed by murmur2
// as the Java client does.

export interface SnippetTopic {
  name: string
  partitions: number
}

export type SnippetKind = 'kcat' | 'python' | 'kafkajs' | 'java'

/** The topic to show in snippets: the busiest one people made, if any. */
export function snippetTopic(
  topics: readonly { name: string; internal: boolean; partitions: number; messages: number }[]
): SnippetTopic | null {
  const mine = topics.filter((t) => !t.internal)
  if (!mine.length) return null
  const t = mine.reduce((a, b) => (b.messages > a.messages ? b : a))
  return { name: t.name, partitions: t.partitions }
}

const shellQuote = (s: string) => (/^[\w.,:/@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

export function clientSnippets(
  servers: readonly string[],
  topic: SnippetTopic | null
): Record<SnippetKind, string> {
  const bootstrap = servers.join(',')
  const name = topic?.name ?? 'orders'
  const first = topic
    ? ''
    : `# Create the topic first (Topics → Create topic): a producer would auto-create it\n# with a single partition.\n`
  const t = shellQuote(name)
  return {
    kcat:
      first +
      `printf 'key-1:hello\\nkey-2:world\\n' | kcat -b ${bootstrap} -t ${t} -P -K: \\\n` +
      `  -X partitioner=murmur2_random -X allow.auto.create.topics=false\n` +
      `kcat -b ${bootstrap} -t ${t} -C -e -f '%p/%o %k: %s\\n'`,
    python:
      first +
      `from confluent_kafka import Producer\n\n` +
      `producer = Producer({\n` +
      `    "bootstrap.servers": "${bootstrap}",\n` +
      `    "partitioner": "murmur2_random",  # keys placed as the Java client does\n` +
      `})\n` +
      `producer.produce(${JSON.stringify(name)}, key="key-1", value="hello")\n` +
      `producer.flush()`,
    kafkajs:
      first.replace(/^# /gm, '// ') +
      `const { Kafka } = require('kafkajs')\n\n` +
      `const kafka = new Kafka({ clientId: 'my-app', brokers: ${JSON.stringify(servers)} })\n` +
      `const producer = kafka.producer({ allowAutoTopicCreation: false })\n` +
      `await producer.connect()\n` +
      `await producer.send({ topic: ${JSON.stringify(name)}, messages: [{ key: 'key-1', value: 'hello' }] })`,
    java:
      first +
      `bootstrap.servers=${bootstrap}\n` +
      `key.serializer=org.apache.kafka.common.serialization.StringSerializer\n` +
      `value.serializer=org.apache.kafka.common.serialization.StringSerializer`
  }
}
