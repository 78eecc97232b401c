// The cluster's broker configs as Kafka resolves them: a value set at run time for one broker
// (DYNAMIC_BROKER_CONFIG), else for every broker (DYNAMIC_DEFAULT_BROKER_CONFIG, the resource ''),
// else at start (STATIC_BROKER_CONFIG, `--broker-config`), else Kafka's default. Run-time values
// are kept in SQLite and survive a restart; start-time values come from the options each start.
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { brokerConfigQueries } from '../storage/broker-config-queries'
import {
  brokerConfigDefs,
  brokerSynonymsOf,
  checkBrokerConfig,
  topicDefaultFrom
} from '../../shared/kafka/broker-configs'
import type { BrokerConfigDef, BrokerConfigSource } from '../../shared/kafka/broker-config-def'

export interface BrokerConfigValue {
  name: string
  value: string
  source: BrokerConfigSource
}

export interface BrokerConfigEntry {
  name: string
  /** null for a config with no value at any level (log.retention.ms when .hours decides). */
  value: string | null
  source: BrokerConfigSource
  readOnly: boolean
  /** The values of this config and its synonyms (log.retention.ms, .minutes, .hours), winner first. */
  synonyms: BrokerConfigValue[]
}

/**
 * A config's value in the running configuration of a broker (null: the value every broker has),
 * undefined when the flags leave it at Kafka's default.
 */
export type RunningBrokerConfig = (name: string, brokerId: number | null) => string | undefined

/** A change to the run-time values of one resource: null is the cluster-wide default. */
export interface BrokerConfigChange {
  brokerId: number | null
  set: Record<string, string>
  remove: string[]
}

/** The dynamic level a broker id is stored under; -1 is the cluster-wide default. */
const DEFAULT_LEVEL = -1

/** Checks configs given at start; returns their canonical values or throws naming the config. */
export function checkStaticBrokerConfigs(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) out[name] = checkedValue(name, value)
  return out
}

function checkedValue(name: string, value: string): string {
  const check = checkBrokerConfig(name, value)
  if (check.ok) return check.value
  throw new EngineError(
    'invalid-config',
    check.unknown ? check.problem : `Invalid value '${value}' for ${name}: ${check.problem}`,
    name
  )
}

export class BrokerConfigs {
  private readonly q
  private readonly statics: Map<string, string>
  /** Run-time values by level: a broker id, or DEFAULT_LEVEL. */
  private readonly dynamic = new Map<number, Map<string, string>>()
  private readonly listeners: (() => void)[] = []
  private topicDefaultsCache: Record<string, string> | null = null
  /** The running configuration's values of the configs flags set (see setRunning). */
  private running: RunningBrokerConfig = () => undefined

  /** Start-time values of one broker alone (its broker.rack), by broker id. */
  private readonly brokerStatics = new Map<number, Map<string, string>>()

  constructor(
    private readonly db: Db,
    staticValues: Record<string, string>,
    private readonly brokerIds: () => number[],
    perBroker: ReadonlyMap<number, Record<string, string>> = new Map()
  ) {
    this.q = brokerConfigQueries(db)
    this.statics = new Map(Object.entries(checkStaticBrokerConfigs(staticValues)))
    for (const [id, values] of perBroker)
      this.brokerStatics.set(id, new Map(Object.entries(checkStaticBrokerConfigs(values))))
    // A name no config has is a custom config (see `alter`), described but without effect.
    for (const r of this.q.brokerConfigsSelectAll.all())
      this.levelOf(r.broker_id).set(r.name, r.value)
  }

  private levelOf(level: number): Map<string, string> {
    let m = this.dynamic.get(level)
    if (!m) this.dynamic.set(level, (m = new Map()))
    return m
  }

  /**
   * Where the values of the configs Logdeck sets through flags of its own come from (listeners,
   * sasl.enabled.mechanisms, ssl.*, node.id): described as set at start, as Kafka describes a
   * broker started with the equivalent server.properties.
   */
  setRunning(fn: RunningBrokerConfig): void {
    this.running = fn
  }

  /** Calls `fn` after every change of run-time values. */
  onChange(fn: () => void): void {
    this.listeners.push(fn)
  }

  /** A config's values at every level that sets it, the winning one first. */
  private levels(def: BrokerConfigDef, brokerId: number | null): BrokerConfigValue[] {
    const { name } = def
    const out: BrokerConfigValue[] = []
    const perBroker = brokerId === null ? undefined : this.dynamic.get(brokerId)?.get(name)
    if (perBroker !== undefined)
      out.push({ name, value: perBroker, source: 'DYNAMIC_BROKER_CONFIG' })
    const clusterWide = this.dynamic.get(DEFAULT_LEVEL)?.get(name)
    if (clusterWide !== undefined)
      out.push({ name, value: clusterWide, source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' })
    // A broker's own start-time value (its server.properties) wins over the one all were given.
    const given =
      this.running(name, brokerId) ??
      (brokerId === null ? undefined : this.brokerStatics.get(brokerId)?.get(name)) ??
      this.statics.get(name)
    if (given !== undefined) out.push({ name, value: given, source: 'STATIC_BROKER_CONFIG' })
    if (def.defaultValue !== null)
      out.push({ name, value: def.defaultValue, source: 'DEFAULT_CONFIG' })
    return out
  }

  private def(name: string): BrokerConfigDef {
    const def = brokerConfigDefs.get(name)
    if (!def) throw new Error(`no broker config ${name}`)
    return def
  }

  /** The cluster-wide value of a config (what every broker has unless set for it alone). */
  value(name: string): string | null {
    return this.levels(this.def(name), null)[0]?.value ?? null
  }

  /** A config's value on one broker: set for it alone, else as every broker has it. */
  valueOn(name: string, brokerId: number): string | null {
    return this.levels(this.def(name), brokerId)[0]?.value ?? null
  }

  /**
   * Every config of a broker as DescribeConfigs lists them; null: those set for every broker
   * (or, with `everyConfig`, every config with the value every broker has).
   */
  describe(brokerId: number | null, everyConfig = false): BrokerConfigEntry[] {
    const out: BrokerConfigEntry[] = []
    for (const def of brokerConfigDefs.values()) {
      const own = this.levels(def, brokerId)
      if (brokerId === null && !everyConfig && own[0]?.source !== 'DYNAMIC_DEFAULT_BROKER_CONFIG')
        continue
      if (def.listedWhenSet && own.length === 0) continue
      const family = def.topicConfig
        ? brokerSynonymsOf(def.topicConfig)
        : def.listenerFormOf
          ? [def, this.def(def.listenerFormOf)]
          : [def]
      const names = family.some((d) => d.unitMs) || def.listenerFormOf ? family : [def]
      // A secret (a PASSWORD config in Kafka) is described without its value.
      out.push({
        name: def.name,
        value: def.sensitive ? null : (own[0]?.value ?? null),
        source: own[0]?.source ?? 'DEFAULT_CONFIG',
        readOnly: def.updateMode === 'read-only',
        synonyms: def.sensitive
          ? []
          : kafkaSynonyms(
              names.map((d) => (d === def ? own : this.levels(d, brokerId))),
              def.name
            )
      })
    }
    out.push(...this.describeCustom(brokerId))
    return out
  }

  /**
   * The custom configs set on a broker (or, for null, on every broker), as Kafka describes a name
   * it has no definition for: of unknown type, so treated as a secret and shown without a value.
   */
  private describeCustom(brokerId: number | null): BrokerConfigEntry[] {
    const custom = (level: number) =>
      [...(this.dynamic.get(level)?.keys() ?? [])].filter((name) => !brokerConfigDefs.has(name))
    const own = brokerId === null ? [] : custom(brokerId)
    const clusterWide = custom(DEFAULT_LEVEL).filter((name) => !own.includes(name))
    const entry = (name: string, source: BrokerConfigSource): BrokerConfigEntry => ({
      name,
      value: null,
      source,
      readOnly: false,
      synonyms: []
    })
    return [
      ...own.map((name) => entry(name, 'DYNAMIC_BROKER_CONFIG')),
      ...clusterWide.map((name) => entry(name, 'DYNAMIC_DEFAULT_BROKER_CONFIG'))
    ]
  }

  /**
   * The broker-wide default of each topic config that has one (retention.ms from log.retention.ms,
   * else .minutes, else .hours), cluster-wide values only: a partition has one log for all its
   * replicas here, so a value set for one broker does not reach topics.
   */
  topicDefaults(): Readonly<Record<string, string>> {
    if (this.topicDefaultsCache) return this.topicDefaultsCache
    const out: Record<string, string> = {}
    for (const def of brokerConfigDefs.values()) {
      if (!def.topicConfig || def.topicConfig in out) continue
      const win = this.topicSynonyms(def.topicConfig)[0]
      if (win) out[def.topicConfig] = topicDefaultFrom(this.def(win.name), win.value)
    }
    return (this.topicDefaultsCache = out)
  }

  /** The broker configs a topic config defaults to, with their values, the winning one first. */
  topicSynonyms(topicConfig: string): BrokerConfigValue[] {
    const all = brokerSynonymsOf(topicConfig).map((d) => this.levels(d, null))
    // Run-time values win over start-time ones across the family, as Kafka's synonym order has it.
    const rank = (v: BrokerConfigValue) =>
      v.source === 'DYNAMIC_DEFAULT_BROKER_CONFIG' ? 0 : v.source === 'STATIC_BROKER_CONFIG' ? 1 : 2
    return all
      .flat()
      .map((v, i) => ({ v, i }))
      .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
      .map(({ v }) => v)
  }

  /**
   * A topic config's synonyms as DescribeConfigs lists them: the broker config it defaults to
   * (the first of a family of units: log.retention.ms for retention.ms) and its family, as
   * Kafka's ConfigHelper lists them (see kafkaSynonyms).
   */
  describedTopicSynonyms(topicConfig: string): BrokerConfigValue[] {
    const family = brokerSynonymsOf(topicConfig)
    if (family.length === 0) return []
    const names = family.some((d) => d.unitMs) ? family : [family[0]]
    return kafkaSynonyms(
      names.map((d) => this.levels(d, null)),
      family[0].name
    )
  }

  /** The run-time values set on one resource (null: the cluster-wide default). */
  dynamicValues(brokerId: number | null): Record<string, string> {
    return Object.fromEntries(this.dynamic.get(brokerId ?? DEFAULT_LEVEL) ?? [])
  }

  /**
   * Changes run-time values as AlterConfigs / IncrementalAlterConfigs do, all or nothing:
   * unknown configs and bad values are refused naming the config (invalid-config), configs Kafka
   * changes only at start are refused (read-only-config), as are per-broker ones set for every
   * broker, and so is a broker that does not exist.
   * With `customAllowed` (Kafka's AlterConfigs on a BROKER resource), a name no config has is
   * kept as it is given, as Kafka keeps custom broker configs, instead of being refused.
   */
  alter(change: BrokerConfigChange, validateOnly = false, customAllowed = false): void {
    const { brokerId } = change
    if (brokerId !== null && !this.brokerIds().includes(brokerId))
      throw new EngineError('not-found', `Broker ${brokerId} does not exist`, 'brokerId')
    const known = (name: string) => brokerConfigDefs.has(name) || !customAllowed
    const set: Record<string, string> = {}
    for (const [name, value] of Object.entries(change.set))
      set[name] = known(name) ? checkedValue(name, value) : value
    for (const name of change.remove)
      if (!brokerConfigDefs.has(name) && !customAllowed)
        throw new EngineError('invalid-config', `Unknown broker config '${name}'`, name)
    // A broker's listeners are given at start only.
    const listeners = Object.keys(set).filter((n) => brokerConfigDefs.get(n)?.startOnly)
    if (listeners.length > 0)
      throw new EngineError(
        'read-only-config',
        `Cannot update these configs dynamically: Set(${listeners.join(', ')}); a broker's listeners are given at start (--listener, --advertised-listener)`,
        listeners[0]
      )
    // A listener's own TLS and SASL settings too (Kafka reloads them per broker; not here).
    const listenerOwn = Object.keys(set).filter((n) => brokerConfigDefs.get(n)?.listenerFormOf)
    if (listenerOwn.length > 0)
      throw new EngineError(
        'read-only-config',
        `Cannot update these configs dynamically: Set(${listenerOwn.join(', ')}); a listener's own TLS and SASL settings are given at start (--listener-config)`,
        listenerOwn[0]
      )
    const readOnly = Object.keys(set).filter(
      (n) => brokerConfigDefs.get(n)?.updateMode === 'read-only'
    )
    if (readOnly.length > 0)
      throw new EngineError(
        'read-only-config',
        `Cannot update these configs dynamically: Set(${readOnly.join(', ')}); set them at start (--broker-config ${readOnly[0]}=VALUE)`,
        readOnly[0]
      )
    const perBroker = Object.keys(set).filter(
      (n) => brokerConfigDefs.get(n)?.updateMode === 'per-broker'
    )
    if (brokerId === null && perBroker.length > 0)
      throw new EngineError(
        'read-only-config',
        `Cannot update these configs at default cluster level, broker id must be specified: Set(${perBroker.join(', ')})`,
        perBroker[0]
      )
    if (validateOnly) return
    const level = brokerId ?? DEFAULT_LEVEL
    const removed = change.remove.filter((name) => !(name in set))
    this.db.transaction(() => {
      for (const name of removed) this.q.brokerConfigsDelete.run(level, name)
      for (const [name, value] of Object.entries(set))
        this.q.brokerConfigsUpsert.run(level, name, value)
    })()
    const values = this.levelOf(level)
    for (const name of removed) values.delete(name)
    for (const [name, value] of Object.entries(set)) values.set(name, value)
    this.topicDefaultsCache = null
    for (const fn of this.listeners) fn()
  }
}

const SOURCE_ORDER: BrokerConfigValue['source'][] = [
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG'
]

/**
 * Kafka's synonym list (ConfigHelper.configSynonyms): the family's values source by source
 * (run-time for the broker, run-time for every broker, start-time, default; within a source in
 * the family's order), then only from the first entry named `name` on. So, as in Kafka, a family
 * member listed before it is left out, and nothing is listed while `name` itself has no value
 * (retention.ms lists no synonym while only log.retention.hours has one).
 */
function kafkaSynonyms(familyLevels: BrokerConfigValue[][], name: string): BrokerConfigValue[] {
  const all = familyLevels.flat()
  const ordered = SOURCE_ORDER.flatMap((source) => all.filter((v) => v.source === source))
  const from = ordered.findIndex((v) => v.name === name)
  return from < 0 ? [] : ordered.slice(from)
}
