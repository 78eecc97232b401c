// Registry of the served APIs: keys, schemas and body types per key; generated, do not edit.
import type { ApiSchema } from '../schema'
import { produceApi, type ProduceRequest, type ProduceResponse } from './produce'
import { fetchApi, type FetchRequest, type FetchResponse } from './fetch'
import { listOffsetsApi, type ListOffsetsRequest, type ListOffsetsResponse } from './list-offsets'
import { metadataApi, type MetadataRequest, type MetadataResponse } from './metadata'
import {
  offsetCommitApi,
  type OffsetCommitRequest,
  type OffsetCommitResponse
} from './offset-commit'
import { offsetFetchApi, type OffsetFetchRequest, type OffsetFetchResponse } from './offset-fetch'
import {
  findCoordinatorApi,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse
} from './find-coordinator'
import { joinGroupApi, type JoinGroupRequest, type JoinGroupResponse } from './join-group'
import { heartbeatApi, type HeartbeatRequest, type HeartbeatResponse } from './heartbeat'
import { leaveGroupApi, type LeaveGroupRequest, type LeaveGroupResponse } from './leave-group'
import { syncGroupApi, type SyncGroupRequest, type SyncGroupResponse } from './sync-group'
import {
  describeGroupsApi,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse
} from './describe-groups'
import { listGroupsApi, type ListGroupsRequest, type ListGroupsResponse } from './list-groups'
import {
  saslHandshakeApi,
  type SaslHandshakeRequest,
  type SaslHandshakeResponse
} from './sasl-handshake'
import { apiVersionsApi, type ApiVersionsRequest, type ApiVersionsResponse } from './api-versions'
import {
  createTopicsApi,
  type CreateTopicsRequest,
  type CreateTopicsResponse
} from './create-topics'
import {
  deleteTopicsApi,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse
} from './delete-topics'
import {
  deleteRecordsApi,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse
} from './delete-records'
import {
  initProducerIdApi,
  type InitProducerIdRequest,
  type InitProducerIdResponse
} from './init-producer-id'
import {
  offsetForLeaderEpochApi,
  type OffsetForLeaderEpochRequest,
  type OffsetForLeaderEpochResponse
} from './offset-for-leader-epoch'
import {
  addPartitionsToTxnApi,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnResponse
} from './add-partitions-to-txn'
import {
  addOffsetsToTxnApi,
  type AddOffsetsToTxnRequest,
  type AddOffsetsToTxnResponse
} from './add-offsets-to-txn'
import { endTxnApi, type EndTxnRequest, type EndTxnResponse } from './end-txn'
import {
  txnOffsetCommitApi,
  type TxnOffsetCommitRequest,
  type TxnOffsetCommitResponse
} from './txn-offset-commit'
import {
  describeAclsApi,
  type DescribeAclsRequest,
  type DescribeAclsResponse
} from './describe-acls'
import { createAclsApi, type CreateAclsRequest, type CreateAclsResponse } from './create-acls'
import { deleteAclsApi, type DeleteAclsRequest, type DeleteAclsResponse } from './delete-acls'
import {
  describeConfigsApi,
  type DescribeConfigsRequest,
  type DescribeConfigsResponse
} from './describe-configs'
import {
  alterConfigsApi,
  type AlterConfigsRequest,
  type AlterConfigsResponse
} from './alter-configs'
import {
  alterReplicaLogDirsApi,
  type AlterReplicaLogDirsRequest,
  type AlterReplicaLogDirsResponse
} from './alter-replica-log-dirs'
import {
  describeLogDirsApi,
  type DescribeLogDirsRequest,
  type DescribeLogDirsResponse
} from './describe-log-dirs'
import {
  saslAuthenticateApi,
  type SaslAuthenticateRequest,
  type SaslAuthenticateResponse
} from './sasl-authenticate'
import {
  createPartitionsApi,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse
} from './create-partitions'
import {
  createDelegationTokenApi,
  type CreateDelegationTokenRequest,
  type CreateDelegationTokenResponse
} from './create-delegation-token'
import {
  renewDelegationTokenApi,
  type RenewDelegationTokenRequest,
  type RenewDelegationTokenResponse
} from './renew-delegation-token'
import {
  expireDelegationTokenApi,
  type ExpireDelegationTokenRequest,
  type ExpireDelegationTokenResponse
} from './expire-delegation-token'
import {
  describeDelegationTokenApi,
  type DescribeDelegationTokenRequest,
  type DescribeDelegationTokenResponse
} from './describe-delegation-token'
import {
  deleteGroupsApi,
  type DeleteGroupsRequest,
  type DeleteGroupsResponse
} from './delete-groups'
import {
  electLeadersApi,
  type ElectLeadersRequest,
  type ElectLeadersResponse
} from './elect-leaders'
import {
  incrementalAlterConfigsApi,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse
} from './incremental-alter-configs'
import {
  alterPartitionReassignmentsApi,
  type AlterPartitionReassignmentsRequest,
  type AlterPartitionReassignmentsResponse
} from './alter-partition-reassignments'
import {
  listPartitionReassignmentsApi,
  type ListPartitionReassignmentsRequest,
  type ListPartitionReassignmentsResponse
} from './list-partition-reassignments'
import {
  offsetDeleteApi,
  type OffsetDeleteRequest,
  type OffsetDeleteResponse
} from './offset-delete'
import {
  describeClientQuotasApi,
  type DescribeClientQuotasRequest,
  type DescribeClientQuotasResponse
} from './describe-client-quotas'
import {
  alterClientQuotasApi,
  type AlterClientQuotasRequest,
  type AlterClientQuotasResponse
} from './alter-client-quotas'
import {
  describeUserScramCredentialsApi,
  type DescribeUserScramCredentialsRequest,
  type DescribeUserScramCredentialsResponse
} from './describe-user-scram-credentials'
import {
  alterUserScramCredentialsApi,
  type AlterUserScramCredentialsRequest,
  type AlterUserScramCredentialsResponse
} from './alter-user-scram-credentials'
import {
  describeQuorumApi,
  type DescribeQuorumRequest,
  type DescribeQuorumResponse
} from './describe-quorum'
import {
  updateFeaturesApi,
  type UpdateFeaturesRequest,
  type UpdateFeaturesResponse
} from './update-features'
import {
  describeClusterApi,
  type DescribeClusterRequest,
  type DescribeClusterResponse
} from './describe-cluster'
import {
  describeProducersApi,
  type DescribeProducersRequest,
  type DescribeProducersResponse
} from './describe-producers'
import {
  describeTransactionsApi,
  type DescribeTransactionsRequest,
  type DescribeTransactionsResponse
} from './describe-transactions'
import {
  listTransactionsApi,
  type ListTransactionsRequest,
  type ListTransactionsResponse
} from './list-transactions'
import {
  consumerGroupHeartbeatApi,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse
} from './consumer-group-heartbeat'
import {
  consumerGroupDescribeApi,
  type ConsumerGroupDescribeRequest,
  type ConsumerGroupDescribeResponse
} from './consumer-group-describe'
import {
  getTelemetrySubscriptionsApi,
  type GetTelemetrySubscriptionsRequest,
  type GetTelemetrySubscriptionsResponse
} from './get-telemetry-subscriptions'
import {
  pushTelemetryApi,
  type PushTelemetryRequest,
  type PushTelemetryResponse
} from './push-telemetry'
import {
  listConfigResourcesApi,
  type ListConfigResourcesRequest,
  type ListConfigResourcesResponse
} from './list-config-resources'
import {
  describeTopicPartitionsApi,
  type DescribeTopicPartitionsRequest,
  type DescribeTopicPartitionsResponse
} from './describe-topic-partitions'
import {
  shareGroupHeartbeatApi,
  type ShareGroupHeartbeatRequest,
  type ShareGroupHeartbeatResponse
} from './share-group-heartbeat'
import {
  shareGroupDescribeApi,
  type ShareGroupDescribeRequest,
  type ShareGroupDescribeResponse
} from './share-group-describe'
import { shareFetchApi, type ShareFetchRequest, type ShareFetchResponse } from './share-fetch'
import {
  shareAcknowledgeApi,
  type ShareAcknowledgeRequest,
  type ShareAcknowledgeResponse
} from './share-acknowledge'
import {
  describeShareGroupOffsetsApi,
  type DescribeShareGroupOffsetsRequest,
  type DescribeShareGroupOffsetsResponse
} from './describe-share-group-offsets'
import {
  alterShareGroupOffsetsApi,
  type AlterShareGroupOffsetsRequest,
  type AlterShareGroupOffsetsResponse
} from './alter-share-group-offsets'
import {
  deleteShareGroupOffsetsApi,
  type DeleteShareGroupOffsetsRequest,
  type DeleteShareGroupOffsetsResponse
} from './delete-share-group-offsets'

export * from './produce'
export * from './fetch'
export * from './list-offsets'
export * from './metadata'
export * from './offset-commit'
export * from './offset-fetch'
export * from './find-coordinator'
export * from './join-group'
export * from './heartbeat'
export * from './leave-group'
export * from './sync-group'
export * from './describe-groups'
export * from './list-groups'
export * from './sasl-handshake'
export * from './api-versions'
export * from './create-topics'
export * from './delete-topics'
export * from './delete-records'
export * from './init-producer-id'
export * from './offset-for-leader-epoch'
export * from './add-partitions-to-txn'
export * from './add-offsets-to-txn'
export * from './end-txn'
export * from './txn-offset-commit'
export * from './describe-acls'
export * from './create-acls'
export * from './delete-acls'
export * from './describe-configs'
export * from './alter-configs'
export * from './alter-replica-log-dirs'
export * from './describe-log-dirs'
export * from './sasl-authenticate'
export * from './create-partitions'
export * from './create-delegation-token'
export * from './renew-delegation-token'
export * from './expire-delegation-token'
export * from './describe-delegation-token'
export * from './delete-groups'
export * from './elect-leaders'
export * from './incremental-alter-configs'
export * from './alter-partition-reassignments'
export * from './list-partition-reassignments'
export * from './offset-delete'
export * from './describe-client-quotas'
export * from './alter-client-quotas'
export * from './describe-user-scram-credentials'
export * from './alter-user-scram-credentials'
export * from './describe-quorum'
export * from './update-features'
export * from './describe-cluster'
export * from './describe-producers'
export * from './describe-transactions'
export * from './list-transactions'
export * from './consumer-group-heartbeat'
export * from './consumer-group-describe'
export * from './get-telemetry-subscriptions'
export * from './push-telemetry'
export * from './list-config-resources'
export * from './describe-topic-partitions'
export * from './share-group-heartbeat'
export * from './share-group-describe'
export * from './share-fetch'
export * from './share-acknowledge'
export * from './describe-share-group-offsets'
export * from './alter-share-group-offsets'
export * from './delete-share-group-offsets'

/** API keys by Kafka name. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  OffsetForLeaderEpoch: 23,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
  DescribeAcls: 29,
  CreateAcls: 30,
  DeleteAcls: 31,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  AlterReplicaLogDirs: 34,
  DescribeLogDirs: 35,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  CreateDelegationToken: 38,
  RenewDelegationToken: 39,
  ExpireDelegationToken: 40,
  DescribeDelegationToken: 41,
  DeleteGroups: 42,
  ElectLeaders: 43,
  IncrementalAlterConfigs: 44,
  AlterPartitionReassignments: 45,
  ListPartitionReassignments: 46,
  OffsetDelete: 47,
  DescribeClientQuotas: 48,
  AlterClientQuotas: 49,
  DescribeUserScramCredentials: 50,
  AlterUserScramCredentials: 51,
  DescribeQuorum: 55,
  UpdateFeatures: 57,
  DescribeCluster: 60,
  DescribeProducers: 61,
  DescribeTransactions: 65,
  ListTransactions: 66,
  ConsumerGroupHeartbeat: 68,
  ConsumerGroupDescribe: 69,
  GetTelemetrySubscriptions: 71,
  PushTelemetry: 72,
  ListConfigResources: 74,
  DescribeTopicPartitions: 75,
  ShareGroupHeartbeat: 76,
  ShareGroupDescribe: 77,
  ShareFetch: 78,
  ShareAcknowledge: 79,
  DescribeShareGroupOffsets: 90,
  AlterShareGroupOffsets: 91,
  DeleteShareGroupOffsets: 92
} as const
export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey]

/** Every served API, by ascending key. */
export const API_SCHEMAS: readonly ApiSchema[] = [
  produceApi,
  fetchApi,
  listOffsetsApi,
  metadataApi,
  offsetCommitApi,
  offsetFetchApi,
  findCoordinatorApi,
  joinGroupApi,
  heartbeatApi,
  leaveGroupApi,
  syncGroupApi,
  describeGroupsApi,
  listGroupsApi,
  saslHandshakeApi,
  apiVersionsApi,
  createTopicsApi,
  deleteTopicsApi,
  deleteRecordsApi,
  initProducerIdApi,
  offsetForLeaderEpochApi,
  addPartitionsToTxnApi,
  addOffsetsToTxnApi,
  endTxnApi,
  txnOffsetCommitApi,
  describeAclsApi,
  createAclsApi,
  deleteAclsApi,
  describeConfigsApi,
  alterConfigsApi,
  alterReplicaLogDirsApi,
  describeLogDirsApi,
  saslAuthenticateApi,
  createPartitionsApi,
  createDelegationTokenApi,
  renewDelegationTokenApi,
  expireDelegationTokenApi,
  describeDelegationTokenApi,
  deleteGroupsApi,
  electLeadersApi,
  incrementalAlterConfigsApi,
  alterPartitionReassignmentsApi,
  listPartitionReassignmentsApi,
  offsetDeleteApi,
  describeClientQuotasApi,
  alterClientQuotasApi,
  describeUserScramCredentialsApi,
  alterUserScramCredentialsApi,
  describeQuorumApi,
  updateFeaturesApi,
  describeClusterApi,
  describeProducersApi,
  describeTransactionsApi,
  listTransactionsApi,
  consumerGroupHeartbeatApi,
  consumerGroupDescribeApi,
  getTelemetrySubscriptionsApi,
  pushTelemetryApi,
  listConfigResourcesApi,
  describeTopicPartitionsApi,
  shareGroupHeartbeatApi,
  shareGroupDescribeApi,
  shareFetchApi,
  shareAcknowledgeApi,
  describeShareGroupOffsetsApi,
  alterShareGroupOffsetsApi,
  deleteShareGroupOffsetsApi
]

/** Request body type by API key. */
export interface RequestBodies {
  0: ProduceRequest
  1: FetchRequest
  2: ListOffsetsRequest
  3: MetadataRequest
  8: OffsetCommitRequest
  9: OffsetFetchRequest
  10: FindCoordinatorRequest
  11: JoinGroupRequest
  12: HeartbeatRequest
  13: LeaveGroupRequest
  14: SyncGroupRequest
  15: DescribeGroupsRequest
  16: ListGroupsRequest
  17: SaslHandshakeRequest
  18: ApiVersionsRequest
  19: CreateTopicsRequest
  20: DeleteTopicsRequest
  21: DeleteRecordsRequest
  22: InitProducerIdRequest
  23: OffsetForLeaderEpochRequest
  24: AddPartitionsToTxnRequest
  25: AddOffsetsToTxnRequest
  26: EndTxnRequest
  28: TxnOffsetCommitRequest
  29: DescribeAclsRequest
  30: CreateAclsRequest
  31: DeleteAclsRequest
  32: DescribeConfigsRequest
  33: AlterConfigsRequest
  34: AlterReplicaLogDirsRequest
  35: DescribeLogDirsRequest
  36: SaslAuthenticateRequest
  37: CreatePartitionsRequest
  38: CreateDelegationTokenRequest
  39: RenewDelegationTokenRequest
  40: ExpireDelegationTokenRequest
  41: DescribeDelegationTokenRequest
  42: DeleteGroupsRequest
  43: ElectLeadersRequest
  44: IncrementalAlterConfigsRequest
  45: AlterPartitionReassignmentsRequest
  46: ListPartitionReassignmentsRequest
  47: OffsetDeleteRequest
  48: DescribeClientQuotasRequest
  49: AlterClientQuotasRequest
  50: DescribeUserScramCredentialsRequest
  51: AlterUserScramCredentialsRequest
  55: DescribeQuorumRequest
  57: UpdateFeaturesRequest
  60: DescribeClusterRequest
  61: DescribeProducersRequest
  65: DescribeTransactionsRequest
  66: ListTransactionsRequest
  68: ConsumerGroupHeartbeatRequest
  69: ConsumerGroupDescribeRequest
  71: GetTelemetrySubscriptionsRequest
  72: PushTelemetryRequest
  74: ListConfigResourcesRequest
  75: DescribeTopicPartitionsRequest
  76: ShareGroupHeartbeatRequest
  77: ShareGroupDescribeRequest
  78: ShareFetchRequest
  79: ShareAcknowledgeRequest
  90: DescribeShareGroupOffsetsRequest
  91: AlterShareGroupOffsetsRequest
  92: DeleteShareGroupOffsetsRequest
}

/** Response body type by API key. */
export interface ResponseBodies {
  0: ProduceResponse
  1: FetchResponse
  2: ListOffsetsResponse
  3: MetadataResponse
  8: OffsetCommitResponse
  9: OffsetFetchResponse
  10: FindCoordinatorResponse
  11: JoinGroupResponse
  12: HeartbeatResponse
  13: LeaveGroupResponse
  14: SyncGroupResponse
  15: DescribeGroupsResponse
  16: ListGroupsResponse
  17: SaslHandshakeResponse
  18: ApiVersionsResponse
  19: CreateTopicsResponse
  20: DeleteTopicsResponse
  21: DeleteRecordsResponse
  22: InitProducerIdResponse
  23: OffsetForLeaderEpochResponse
  24: AddPartitionsToTxnResponse
  25: AddOffsetsToTxnResponse
  26: EndTxnResponse
  28: TxnOffsetCommitResponse
  29: DescribeAclsResponse
  30: CreateAclsResponse
  31: DeleteAclsResponse
  32: DescribeConfigsResponse
  33: AlterConfigsResponse
  34: AlterReplicaLogDirsResponse
  35: DescribeLogDirsResponse
  36: SaslAuthenticateResponse
  37: CreatePartitionsResponse
  38: CreateDelegationTokenResponse
  39: RenewDelegationTokenResponse
  40: ExpireDelegationTokenResponse
  41: DescribeDelegationTokenResponse
  42: DeleteGroupsResponse
  43: ElectLeadersResponse
  44: IncrementalAlterConfigsResponse
  45: AlterPartitionReassignmentsResponse
  46: ListPartitionReassignmentsResponse
  47: OffsetDeleteResponse
  48: DescribeClientQuotasResponse
  49: AlterClientQuotasResponse
  50: DescribeUserScramCredentialsResponse
  51: AlterUserScramCredentialsResponse
  55: DescribeQuorumResponse
  57: UpdateFeaturesResponse
  60: DescribeClusterResponse
  61: DescribeProducersResponse
  65: DescribeTransactionsResponse
  66: ListTransactionsResponse
  68: ConsumerGroupHeartbeatResponse
  69: ConsumerGroupDescribeResponse
  71: GetTelemetrySubscriptionsResponse
  72: PushTelemetryResponse
  74: ListConfigResourcesResponse
  75: DescribeTopicPartitionsResponse
  76: ShareGroupHeartbeatResponse
  77: ShareGroupDescribeResponse
  78: ShareFetchResponse
  79: ShareAcknowledgeResponse
  90: DescribeShareGroupOffsetsResponse
  91: AlterShareGroupOffsetsResponse
  92: DeleteShareGroupOffsetsResponse
}
