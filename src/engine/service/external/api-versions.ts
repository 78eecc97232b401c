// The APIs a broker offers, from its ApiVersions answer: v3, or v0 from a broker older than
// ApiVersions v3 (it refuses v3 with UNSUPPORTED_VERSION; v0 is answered by all).
import { apiVersionsV0, apiVersionsV3, type Connection } from '@platformatic/kafka'
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { protocolErrors } from './kafka-errors'

export interface OfferedApi {
  apiKey: number
  minVersion: number
  maxVersion: number
}

export async function offeredApis(connection: Connection): Promise<OfferedApi[]> {
  const answer = await apiVersionsV3.api
    .async(connection, 'logdeck', '1.0.0')
    .catch((err: unknown) => {
      if (!protocolErrors(err).some((e) => e.code === ErrorCode.UNSUPPORTED_VERSION)) throw err
      return apiVersionsV0.api.async(connection, 'logdeck', '1.0.0')
    })
  return answer.apiKeys
}
