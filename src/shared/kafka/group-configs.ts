// The configs of a GROUP resource (Kafka's GroupConfig) that the embedded cluster serves: a
// consumer-protocol group's (KIP-848) and a share group's (KIP-932) own session timeout and
// heartbeat interval, and a share group's record lock duration, delivery count limit, in-flight
// record limit, start offset strategy, isolation level and renew acknowledgements. The numeric
// ones default to the broker config they are named after (group.<name>) and are bounded by that
// config's min and max; the others have Kafka's fixed defaults.

export interface GroupConfigDef {
  name: string
  /** The broker config a numeric config defaults to; null for the others. */
  brokerConfig: string | null
  /** The broker configs bounding a numeric config. */
  min?: string
  max?: string
  /** The least value Kafka's ConfigDef accepts for a numeric config. */
  atLeast?: number
  /** A string or boolean config's default, and what it accepts. */
  defaultValue?: string
  type: 'int' | 'string' | 'boolean'
  doc: string
}

function bounded(
  name: string,
  atLeast: number,
  doc: string,
  broker = `group.${name}`
): GroupConfigDef {
  const [kind, ...rest] = name.split('.')
  const tail = rest.join('.')
  return {
    name,
    brokerConfig: broker,
    min: `group.${kind}.min.${tail}`,
    max: `group.${kind}.max.${tail}`,
    atLeast,
    type: 'int',
    doc
  }
}

export const groupConfigDefs: ReadonlyMap<string, GroupConfigDef> = new Map(
  [
    bounded(
      'consumer.session.timeout.ms',
      1,
      'The timeout to detect client failures when using the consumer group protocol.'
    ),
    bounded(
      'consumer.heartbeat.interval.ms',
      1,
      'The heartbeat interval given to the members of a consumer group.'
    ),
    bounded(
      'share.session.timeout.ms',
      1,
      'The timeout to detect client failures when using the share group protocol.'
    ),
    bounded(
      'share.heartbeat.interval.ms',
      1,
      'The heartbeat interval given to the members of a share group.'
    ),
    bounded(
      'share.record.lock.duration.ms',
      1000,
      'The record acquisition lock duration in milliseconds for share groups.'
    ),
    bounded(
      'share.delivery.count.limit',
      2,
      'The maximum number of delivery attempts for a record delivered to a share group.'
    ),
    bounded(
      'share.partition.max.record.locks',
      100,
      'Share-group record lock limit per share-partition.'
    ),
    {
      name: 'share.auto.offset.reset',
      brokerConfig: null,
      defaultValue: 'latest',
      type: 'string',
      doc: 'The strategy to initialize the share-partition start offset: earliest, latest, or by_duration:<duration> (ISO 8601, PnDTnHnMn.nS) back from now.'
    },
    {
      name: 'share.isolation.level',
      brokerConfig: null,
      defaultValue: 'read_uncommitted',
      type: 'string',
      doc: 'Controls how to read records written transactionally: read_committed delivers only committed transactional records, read_uncommitted all of them.'
    },
    {
      name: 'share.renew.acknowledge.enable',
      brokerConfig: null,
      defaultValue: 'true',
      type: 'boolean',
      doc: 'Whether the renew acknowledge type is enabled for the share group.'
    }
  ].map((d): [string, GroupConfigDef] => [d.name, d as GroupConfigDef])
)

/** A config's value for a group that does not set it. */
export function groupConfigDefault(def: GroupConfigDef, broker: (name: string) => number): string {
  return def.brokerConfig !== null ? String(broker(def.brokerConfig)) : (def.defaultValue ?? '')
}

/** Kafka's ShareGroupAutoOffsetResetStrategy: earliest, latest, or by_duration:<ISO 8601>. */
const AUTO_OFFSET_RESET =
  /^(earliest|latest|by_duration:P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)$/i

/** Why a string or boolean config's value is refused, in Kafka's words, or null. */
function badValue(def: GroupConfigDef, value: string): string | null {
  const invalid = `Invalid value ${value} for configuration ${def.name}:`
  switch (def.name) {
    case 'share.auto.offset.reset':
      return AUTO_OFFSET_RESET.test(value)
        ? null
        : `${invalid} the value must be either 'earliest', 'latest' or of the format 'by_duration:<PnDTnHnMn.nS.>'.`
    case 'share.isolation.level':
      return ['read_committed', 'read_uncommitted'].includes(value)
        ? null
        : `${invalid} String must be one of: read_committed, read_uncommitted`
    default:
      return /^(true|false)$/i.test(value)
        ? null
        : `${invalid} Expected value to be either true or false`
  }
}

/**
 * Checks a group's whole set of configs as Kafka's GroupConfig.validate does: known names, whole
 * numbers within Kafka's least value and the broker's bounds, the accepted strings, and session
 * timeouts above heartbeat intervals. `broker` reads a broker config's value. Returns the problem
 * and the config it is about, or null.
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
    if (def.type !== 'int') {
      const problem = badValue(def, v)
      if (problem) return { name, problem }
      continue
    }
    if (!/^-?\d+$/.test(v) || Number(v) > 2147483647 || Number(v) < -2147483648)
      return {
        name,
        problem: `Invalid value ${value} for configuration ${name}: Not a number of type INT`
      }
    const least = def.atLeast ?? 1
    if (Number(v) < least)
      return {
        name,
        problem: `Invalid value ${v} for configuration ${name}: Value must be at least ${least}`
      }
    values.set(name, Number(v))
  }
  const effective = (name: string) => {
    const def = groupConfigDefs.get(name) as GroupConfigDef
    return values.get(name) ?? broker(def.brokerConfig as string)
  }
  for (const def of groupConfigDefs.values()) {
    if (def.type !== 'int' || !def.min || !def.max) continue
    const v = effective(def.name)
    if (v < broker(def.min))
      return { name: def.name, problem: `${def.name} must be greater than or equal to ${def.min}` }
    if (v > broker(def.max))
      return { name: def.name, problem: `${def.name} must be less than or equal to ${def.max}` }
  }
  for (const kind of ['consumer', 'share']) {
    const [session, heartbeat] = [`${kind}.session.timeout.ms`, `${kind}.heartbeat.interval.ms`]
    if (effective(session) <= effective(heartbeat))
      return { name: session, problem: `${session} must be greater than ${heartbeat}` }
  }
  return null
}
