// Compatibility levels as Confluent defines them: which earlier versions a new schema is checked
// against, and in which direction data must be readable.
import type { ParsedSchema, SchemaFormat } from './formats/format'

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE'
] as const
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number]

export function isCompatibilityLevel(v: unknown): v is CompatibilityLevel {
  return typeof v === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(v)
}

/** Whether the level checks every earlier version rather than only the latest. */
export function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE')
}

export interface PreviousVersion {
  version: number
  schema: ParsedSchema
}

/**
 * Why `candidate` may not follow `previous` (oldest first) under `level`, one line per broken
 * rule, each naming the version it breaks; empty when compatible.
 */
export function compatibilityProblems(
  format: SchemaFormat,
  level: CompatibilityLevel,
  candidate: ParsedSchema,
  previous: PreviousVersion[]
): string[] {
  if (level === 'NONE' || previous.length === 0) return []
  const against = isTransitive(level) ? [...previous].reverse() : previous.slice(-1)
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL')
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL')
  const out: string[] = []
  for (const p of against) {
    if (p.schema.type !== candidate.type) {
      out.push(
        `version ${p.version}: schema type changed from ${p.schema.type} to ${candidate.type}`
      )
      continue
    }
    if (backward)
      for (const m of format.readProblems(candidate, p.schema))
        out.push(`version ${p.version} (new schema reading old data): ${m}`)
    if (forward)
      for (const m of format.readProblems(p.schema, candidate))
        out.push(`version ${p.version} (old schema reading new data): ${m}`)
  }
  return out
}
