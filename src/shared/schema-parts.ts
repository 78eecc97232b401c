// Building blocks shared by the contract's parameter schemas.
import { z } from 'zod'
import { describeTopicNameProblem, topicNameProblem } from './kafka/topic-names'

/** Kafka's legal topic name: [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export const topicName = z.string({ error: 'must be a string' }).superRefine((name, ctx) => {
  const problem = topicNameProblem(name)
  if (problem) ctx.addIssue({ code: 'custom', message: describeTopicNameProblem(problem) })
})

/**
 * A JSON object of string keys. A key "__proto__" is refused like any unknown key: an object
 * record would otherwise drop it without a word.
 */
export function stringRecord<V extends z.ZodType>(
  value: V,
  what: string
): z.ZodType<Record<string, z.output<V>>, Record<string, z.input<V>>> {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__'))
        ctx.issues.push({
          code: 'custom',
          input,
          path: ['__proto__'],
          message: `unknown ${what} '__proto__'`
        })
      return input
    },
    z.record(z.string(), value)
  )
}

export const configValues = stringRecord(z.string({ error: 'config values are strings' }), 'config')

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/

/** Whether text is base64 (standard alphabet, padding optional), as `encoding: base64` promises. */
export function isBase64(text: string): boolean {
  return BASE64.test(text)
}

export const empty = z.object({}).strict()

export const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)

export const offset = int(0, Number.MAX_SAFE_INTEGER)
/** A broker's id: Kafka's node.id, any int32 from 0. */
export const brokerIdNumber = int(0, 2_147_483_647)
export const partitionIndex = int(0, 100_000)
export const timestampMs = int(0, 8_640_000_000_000_000)
export const groupId = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(255)
export const operationId = z.string().min(1).max(100)

/** Where a read starts: the beginning, an offset, the first record at or after a time, or the last n. */
export const startPosition = z.union([
  z.literal('earliest'),
  z.literal('latest'),
  z.object({ offset }).strict(),
  z.object({ timestamp: timestampMs }).strict(),
  z.object({ latest: int(1, 100_000) }).strict()
])

export const encoding = z.enum(['utf8', 'base64'])

/** A filter on one part of a record; all filters of a search must match. */
export const messageFilter = z
  .object({
    field: z.enum(['key', 'value', 'header']),
    /** For field=header: the header's key. */
    headerKey: z.string().optional(),
    op: z.enum(['contains', 'equals', 'regex', 'jsonPath']),
    /** The text to find, the regular expression, or for jsonPath `$.a.b == 3`-style expressions. */
    value: z.string().max(10_000)
  })
  .strict()
