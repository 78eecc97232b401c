// Parameter schemas for every contract method: the one place where input from the renderer,
// a script or a browser tab is checked before it reaches a backend.
import { z } from 'zod'
import type { MethodName } from './methods'

/** Kafka's legal topic name: [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export const topicName = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(249, 'must be at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, "may contain only letters, digits, '.', '_' and '-'")
  .refine((n) => n !== '.' && n !== '..', { message: "cannot be '.' or '..'" })

export const configValues = z.record(z.string(), z.string({ error: 'config values are strings' }))

const empty = z.object({}).strict()
const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)

export const paramSchemas = {
  'cluster.describe': empty,
  'brokers.stop': z.object({ brokerId: int(0, 1_000_000) }).strict(),
  'brokers.start': z.object({ brokerId: int(0, 1_000_000) }).strict(),
  'topics.list': z.object({ includeInternal: z.boolean().optional() }).strict(),
  'topics.describe': z.object({ name: topicName }).strict(),
  'topics.create': z
    .object({
      name: topicName,
      partitions: int(1, 10_000),
      replicationFactor: int(1, 32),
      configs: configValues.optional()
    })
    .strict(),
  'topics.delete': z.object({ name: topicName }).strict()
} as const satisfies Record<MethodName, z.ZodType>

export type ParamsOf<M extends MethodName> = z.input<(typeof paramSchemas)[M]>
