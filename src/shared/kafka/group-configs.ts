// The configs of a GROUP resource (KIP-848; Kafka's GroupConfig) that the embedded cluster
// serves: a consumer-protocol group's own session timeout and heartbeat interval, each defaulting
// to the broker config it is named after (group.<name>) and bounded by that config's min and max.

export interface GroupConfigDef {
  name: string
  /** The broker config it defaults to. */
  brokerConfig: string
  /** The broker configs bounding it. */
  min: string
  max: string
  doc: string
}

export const groupConfigDefs: ReadonlyMap<string, GroupConfigDef> = new Map(
  [
    {
      name: 'consumer.session.timeout.ms',
      brokerConfig: 'group.consumer.session.timeout.ms',
      min: 'group.consumer.min.session.timeout.ms',
      max: 'group.consumer.max.session.timeout.ms',
      doc: 'The timeout to detect client failures when using the consumer group protocol.'
    },
    {
      name: 'consumer.heartbeat.interval.ms',
      brokerConfig: 'group.consumer.heartbeat.interval.ms',
      min: 'group.consumer.min.heartbeat.interval.ms',
      max: 'group.consumer.max.heartbeat.interval.ms',
      doc: 'The heartbeat interval given to the members of a consumer group.'
    }
  ].map((d) => [d.name, d])
)

/**
 * Checks a group's whole set of configs as Kafka's GroupConfig.validate does: known names, whole
 * numbers of at least 1 within the broker's bounds, and a session timeout above the heartbeat
 * interval. `broker` reads a broker config's value. Returns the problem and the config it is
 * about, or null.
 */
export function checkGroupConfigs(
  configs: Record<string, string>,
  broker: (name: string) => number
): { name: string; problem: string } | null {
  const values = new Map<string, number>()
  for (const [name, value] of Object.entries(configs)) {
    const def = groupConfigDefs.get(name)
    if (!def) return { name, problem: `Unknown group config name: ${name}` }
    const v = value.trim()
    if (!/^-?\d+$/.test(v) || Number(v) > 2147483647 || Number(v) < -2147483648)
      return {
        name,
        problem: `Invalid value ${value} for configuration ${name}: Not a number of type INT`
      }
    if (Number(v) < 1)
      return {
        name,
        problem: `Invalid value ${v} for configuration ${name}: Value must be at least 1`
      }
    values.set(name, Number(v))
  }
  for (const def of groupConfigDefs.values()) {
    const v = values.get(def.name) ?? broker(def.brokerConfig)
    if (v < broker(def.min))
      return { name: def.name, problem: `${def.name} must be greater than or equal to ${def.min}` }
    if (v > broker(def.max))
      return { name: def.name, problem: `${def.name} must be less than or equal to ${def.max}` }
  }
  const [session, heartbeat] = [...groupConfigDefs.values()].map(
    (d) => values.get(d.name) ?? broker(d.brokerConfig)
  )
  if (session <= heartbeat)
    return {
      name: 'consumer.session.timeout.ms',
      problem: 'consumer.session.timeout.ms must be greater than consumer.heartbeat.interval.ms'
    }
  return null
}
