// ApiVersions (key 18): every served API with its version range. (An unserved ApiVersions
// version is answered by the connection in the v0 layout, before a handler runs.)
//
// ApiVersions Request (Version: 3) => client_software_name client_software_version
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { supportedApiVersions, type ApiVersionsResponse, type Encodable } from '../protocol'

export function handleApiVersions(): Encodable<ApiVersionsResponse> {
  return {
    errorCode: ErrorCode.NONE,
    apiKeys: supportedApiVersions(),
    throttleTimeMs: 0
  }
}
