// ShareFetch's and ShareAcknowledge's group check, as Kafka makes it: READ on the share group,
// else GROUP_AUTHORIZATION_FAILED for the whole request. READ on each topic is checked by the
// handlers (share-partition-access.ts), per partition, those of the share session included.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { ApiKey } from '../protocol'
import type { Rule } from './gate'
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
