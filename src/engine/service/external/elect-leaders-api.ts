// ElectLeaders (43) v2, which @platformatic/kafka has no codec for, written from Kafka's message
// definitions (ElectLeadersRequest.json / ElectLeadersResponse.json) with the library's Writer
// and Reader, so that it goes over the library's connections like its own APIs.
//
// ElectLeaders Request (Version: 2) => election_type [topic_partitions] timeout_ms TAG_BUFFER
//   election_type => INT8            (0: preferred, 1: unclean)
//   topic_partitions => topic [partitions] TAG_BUFFER   (null: every partition)
//     topic => COMPACT_STRING
//     partitions => INT32
//   timeout_ms => INT32
// ElectLeaders Response (Version: 2) => throttle_time_ms error_code [replica_election_results]
//   TAG_BUFFER
//   replica_election_results => topic [partition_result] TAG_BUFFER
//     topic => COMPACT_STRING
//     partition_result => partition_id error_code error_message TAG_BUFFER
//       partition_id => INT32
//       error_code => INT16
//       error_message => COMPACT_NULLABLE_STRING
import { createAPI, ResponseError, Writer, type Reader } from '@platformatic/kafka'

/** election_type 0; 1 (unclean) is not offered: the console's contract elects preferred leaders. */
export const ELECTION_PREFERRED = 0

export interface ElectLeadersRequestTopic {
  topic: string
  partitions: number[]
}

interface ElectLeadersPartitionResult {
  partitionId: number
  errorCode: number
  errorMessage: string | null
}

interface ElectLeadersResponse {
  throttleTimeMs: number
  errorCode: number
  replicaElectionResults: { topic: string; partitionResult: ElectLeadersPartitionResult[] }[]
}

function createRequest(
  electionType: number,
  topicPartitions: ElectLeadersRequestTopic[] | null,
  timeoutMs: number
): Writer {
  return Writer.create()
    .appendInt8(electionType)
    .appendArray(topicPartitions, (w, t) => {
      w.appendString(t.topic).appendArray(t.partitions, (w, p) => w.appendInt32(p), true, false)
    })
    .appendInt32(timeoutMs)
    .appendTaggedFields()
}

/**
 * The response as it came. Only an error of the whole request is thrown (ResponseError, as the
 * library's own APIs do); the per-partition results are the caller's to read.
 */
function parseResponse(
  _correlationId: number,
  apiKey: number,
  apiVersion: number,
  reader: Reader
): ElectLeadersResponse {
  const response: ElectLeadersResponse = {
    throttleTimeMs: reader.readInt32(),
    errorCode: reader.readInt16(),
    replicaElectionResults: reader.readArray((r) => ({
      topic: r.readString(),
      partitionResult: r.readArray((r) => ({
        partitionId: r.readInt32(),
        errorCode: r.readInt16(),
        errorMessage: r.readNullableString()
      }))
    }))
  }
  reader.readTaggedFields()
  if (response.errorCode !== 0)
    throw new ResponseError(apiKey, apiVersion, { '/': [response.errorCode, null] }, response)
  return response
}

export const api = createAPI<
  [electionType: number, topicPartitions: ElectLeadersRequestTopic[] | null, timeoutMs: number],
  ElectLeadersResponse
>(43, 2, createRequest, parseResponse)
