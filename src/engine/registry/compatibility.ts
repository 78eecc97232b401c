// Compatibility levels as Confluent defines them: which earlier versions a new schema is checked
// against, and in which direction data must be readable.
import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  type CompatibilityProblem
} from '../../shared/api/schemas'
import type { ParsedSchema, SchemaFormat } from './formats/format'

export type { CompatibilityLevel, CompatibilityProblem }

export function isCompatibilityLevel(v: unknown): v is CompatibilityLevel {
  return typeof v === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(v)
}

/** Whether the level checks every earlier version rather than only the latest. */
function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE')
}

export interface PreviousVersion {
  version: number
  schema: ParsedSchema
}

/** The versions (oldest first) a level checks a new schema against. */
export function versionsChecked<V extends { version: number }>(
  level: CompatibilityLevel,
  previous: V[]
): V[] {
  if (level === 'NONE') return []
  return isTransitive(level) ? previous : previous.slice(-1)
}

/** A problem in Confluent's one-line form, as its verbose compatibility answers list them. */
export function describeProblem(p: CompatibilityProblem): string {
  if (p.direction === 'type') return `version ${p.version}: ${p.message}`
  const how =
    p.direction === 'backward' ? 'new schema reading old data' : 'old schema reading new data'
  return `version ${p.version} (${how}): ${p.message}`
}

/**
 * Why `candidate` may not follow `previous` (oldest first) under `level`, one entry per broken
 * rule, each naming the version it breaks (newest first); empty when compatible.
 */
export function compatibilityProblems(
  format: SchemaFormat,
  level: CompatibilityLevel,
  candidate: ParsedSchema,
  previous: PreviousVersion[]
): CompatibilityProblem[] {
  const against = [...versionsChecked(level, previous)].reverse()
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL')
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL')
  const out: CompatibilityProblem[] = []
  for (const p of against) {
    if (p.schema.type !== candidate.type) {
      out.push({
        version: p.version,
        direction: 'type',
        message: `schema type changed from ${p.schema.type} to ${candidate.type}`
      })
      continue
    }
    if (backward)
      for (const message of format.readProblems(candidate, p.schema))
        out.push({ version: p.version, direction: 'backward', message })
    if (forward)
      for (const message of format.readProblems(p.schema, candidate))
        out.push({ version: p.version, direction: 'forward', message })
  }
  return out
}
