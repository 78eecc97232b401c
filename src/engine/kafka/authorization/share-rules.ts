// The ACL checks of the share group APIs of the record side (KIP-932), as Kafka makes them.
// ShareFetch and ShareAcknowledge: READ on the share group, else GROUP_AUTHORIZATION_FAILED for
// the whole request; READ on each topic is checked by the handlers (share-partition-access.ts),
// per partition, those of the share session included. DescribeShareGroupOffsets checks DESCRIBE
// on each group and topic in its handler (share-group-offsets.ts).
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import { perName, refuseEach, split, type Rule } from './gate'
import type { Access } from './access'

export const shareGroupReadRule = <
  K extends typeof ApiKey.ShareFetch | typeof ApiKey.ShareAcknowledge
>(): Rule<K> =>
  ((body: { groupId: string | null }, access: Access) =>
    access.group('READ', body.groupId ?? '')
      ? { body }
      : {
          answer: {
            throttleTimeMs: 0,
            errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
            errorMessage: null,
            acquisitionLockTimeoutMs: 0,
            responses: [],
            nodeEndpoints: []
          }
        }) as unknown as Rule<K>

/** The answer of an offsets request refused on its group. */
const GROUP_DENIED = {
  throttleTimeMs: 0,
  errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
  errorMessage: null,
  responses: []
}
const NO_TOPIC_ID = '00000000-0000-0000-0000-000000000000'

/** AlterShareGroupOffsets: READ on the group, and READ on each topic (refused per partition). */
export const alterShareGroupOffsetsRule: Rule<typeof ApiKey.AlterShareGroupOffsets> = (
  body,
  access
) => {
  if (!access.group('READ', body.groupId)) return { answer: GROUP_DENIED }
  const canRead = perName((name) => access.topic('READ', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canRead(t.topicName)),
    'responses',
    (t) => ({
      topicName: t.topicName,
      topicId: NO_TOPIC_ID,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        errorMessage: null
      }))
    })
  )
}

/** DeleteShareGroupOffsets: DELETE on the group, and READ on each topic (refused per topic). */
export const deleteShareGroupOffsetsRule: Rule<typeof ApiKey.DeleteShareGroupOffsets> = (
  body,
  access
) => {
  if (!access.group('DELETE', body.groupId)) return { answer: GROUP_DENIED }
  const canRead = perName((name) => access.topic('READ', name))
  return refuseEach(
    body,
    'topics',
    split(body.topics, (t) => canRead(t.topicName)),
    'responses',
    (t) => ({
      topicName: t.topicName,
      topicId: NO_TOPIC_ID,
      errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      errorMessage: null
    })
  )
}
