// `logdeck serve --fault SPEC` and `--faults FILE`: faults in place from the first request, in
// the contract's own words (faults.inject), each mistake naming the flag and the field.
import { readFileSync } from 'node:fs'
import { parseYaml } from './yaml-text'
import { faultsParams } from '../shared/api/faults'
import type { FaultSpec } from '../engine/faults/registry'
import { UsageError } from './cli-errors'

const TARGET_FIELDS = ['brokerId', 'topic', 'partition', 'apiKey', 'groupId'] as const
const NUMBER_FIELDS = new Set(['brokerId', 'partition', 'count', 'durationMs', 'probability'])
/** The action types; each but closeConnection takes its value after `=`. */
const ACTIONS = { error: 'error', latency: 'ms', throttle: 'ms', stallFetch: 'ms' } as const
/** The action types that take no value. */
const BARE_ACTIONS = new Set(['closeConnection', 'rebalance', 'leaveIsr'])
const SPEC_FIELDS = [...TARGET_FIELDS, 'error', 'latency', ...BARE_ACTIONS, 'throttle']
  .concat(['stallFetch', 'count', 'durationMs', 'probability'])
  .join(', ')

/** `apiKey=Produce,topic=orders,error=NOT_LEADER_OR_FOLLOWER,count=3` as faults.inject takes it. */
function specObject(spec: string, where: string): unknown {
  if (spec.trim().startsWith('{')) {
    try {
      return JSON.parse(spec)
    } catch (err) {
      throw new UsageError(`${where}: not valid JSON: ${(err as Error).message}`)
    }
  }
  const target: Record<string, unknown> = {}
  const out: Record<string, unknown> = { target }
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=')
    const key = (eq < 0 ? part : part.slice(0, eq)).trim()
    const raw = eq < 0 ? undefined : part.slice(eq + 1).trim()
    if (key === '') throw new UsageError(`${where}: an empty field (fields: ${SPEC_FIELDS})`)
    const value = raw !== undefined && NUMBER_FIELDS.has(key) && raw !== '' ? Number(raw) : raw
    if (BARE_ACTIONS.has(key) || key in ACTIONS) {
      if (out.action) throw new UsageError(`${where}: ${key}: a fault does one thing, not two`)
      if (BARE_ACTIONS.has(key)) {
        if (raw !== undefined) throw new UsageError(`${where}: ${key} takes no value`)
        out.action = { type: key }
      } else {
        if (raw === undefined) throw new UsageError(`${where}: ${key} needs a value (${key}=...)`)
        const field = ACTIONS[key as keyof typeof ACTIONS]
        out.action = { type: key, [field]: field === 'ms' ? Number(raw) : raw }
      }
    } else if ((TARGET_FIELDS as readonly string[]).includes(key)) {
      target[key] = value
    } else if (key === 'count' || key === 'durationMs' || key === 'probability') {
      out[key] = value
    } else {
      throw new UsageError(`${where}: unknown field '${key}' (fields: ${SPEC_FIELDS})`)
    }
  }
  if (!out.action)
    throw new UsageError(
      `${where}: action: say what the fault does (error=NAME, latency=MS, closeConnection, throttle=MS, stallFetch=MS, rebalance or leaveIsr)`
    )
  return out
}

/** Checks one fault as faults.inject would, and that its broker is one of `brokerIds`. */
function checkFault(
  entry: unknown,
  where: string,
  path: string[],
  brokerIds: readonly number[]
): FaultSpec {
  const parsed = faultsParams['faults.inject'].safeParse(entry)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = [...path, ...issue.path.map(String)].join('.')
    throw new UsageError(`${where}: ${field ? `${field}: ` : ''}${issue.message}`)
  }
  const brokerId = parsed.data.target.brokerId
  if (brokerId !== undefined && !brokerIds.includes(brokerId))
    throw new UsageError(
      `${where}: ${[...path, 'target', 'brokerId'].join('.')}: there is no broker ${brokerId} (the brokers are ${brokerIds.join(', ')})`
    )
  return parsed.data
}

/** Every `--fault SPEC`, in order. */
export function parseFaultFlags(specs: string[], brokerIds: readonly number[]): FaultSpec[] {
  return specs.map((spec) => {
    const where = `--fault '${spec}'`
    return checkFault(specObject(spec, where), where, [], brokerIds)
  })
}

/** `--faults FILE`: a YAML or JSON list of faults.inject objects, or `{faults: [...]}`. */
export function readFaultsFile(file: string, brokerIds: readonly number[]): FaultSpec[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new UsageError(`--faults ${file}: ${(err as Error).message}`)
  }
  let doc: unknown
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (err) {
    throw new UsageError(`--faults ${file}: not valid YAML or JSON: ${(err as Error).message}`)
  }
  const list = Array.isArray(doc) ? doc : (doc as { faults?: unknown } | null)?.faults
  if (!Array.isArray(list))
    throw new UsageError(`--faults ${file}: expected a list of faults, or {faults: [...]}`)
  return list.map((entry, i) =>
    checkFault(entry, `--faults ${file}`, ['faults', String(i)], brokerIds)
  )
}
