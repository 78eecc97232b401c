// The partitions a request names, checked against the topic's (all of them when it names none).
import { ApiError } from '../../../shared/errors'
import type { Topic } from '../../log/topic-registry'

export function requirePartitions(
  topic: Topic,
  partitions: number[] | undefined,
  field: string
): number[] {
  const all = topic.partitions.map((p) => p.partition)
  if (!partitions) return all
  for (const p of partitions)
    if (!all.includes(p))
      throw new ApiError('NOT_FOUND', `Topic '${topic.name}' has no partition ${p}`, field)
  return partitions
}
