// Every served API's authorization rule, in one table: the compiler holds that none is missing.
import { ApiKey, type ServedApiKey } from '../protocol'
import { open, type Rule } from './gate'
import {
  deleteRecordsRule,
  describeTopicPartitionsRule,
  listOffsetsRule,
  metadataRule,
  offsetForLeaderEpochRule,
  produceRule
} from './data-rules'
import {
  deleteGroupsRule,
  describeGroupsRule,
  findCoordinatorRule,
  groupReadRule,
  listGroupsRule,
  offsetCommitRule,
  offsetDeleteRule,
  offsetFetchRule
} from './group-rules'
import {
  consumerGroupDescribeRule,
  consumerGroupHeartbeatRule,
  shareGroupDescribeRule,
  shareGroupHeartbeatRule
} from './consumer-group-rules'
import {
  alterShareGroupOffsetsRule,
  deleteShareGroupOffsetsRule,
  shareGroupReadRule
} from './share-rules'
import {
  alterConfigsRules,
  alterPartitionReassignmentsRule,
  alterClientQuotasRule,
  describeClientQuotasRule,
  listConfigResourcesRule,
  listPartitionReassignmentsRule,
  alterScramRule,
  createAclsRule,
  createPartitionsRule,
  createTopicsRule,
  deleteAclsRule,
  deleteTopicsRule,
  describeAclsRule,
  describeConfigsRule,
  describeLogDirsRule,
  describeQuorumRule,
  updateFeaturesRule,
  alterReplicaLogDirsRule,
  describeScramRule,
  electLeadersRule
} from './admin-rules'
import {
  addOffsetsToTxnRule,
  addPartitionsToTxnRule,
  describeProducersRule,
  describeTransactionsRule,
  endTxnRule,
  initProducerIdRule,
  listTransactionsRule,
  txnOffsetCommitRule
} from './transaction-rules'

export const authorizationRules: { [K in ServedApiKey]: Rule<K> } = {
  [ApiKey.Produce]: produceRule,
  // READ on each partition is checked by the Fetch handler (fetch-access.ts), over the partitions
  // the fetch serves: those its session holds as well as those the request names.
  [ApiKey.Fetch]: open,
  [ApiKey.ListOffsets]: listOffsetsRule,
  [ApiKey.Metadata]: metadataRule,
  [ApiKey.DescribeTopicPartitions]: describeTopicPartitionsRule,
  [ApiKey.OffsetCommit]: offsetCommitRule,
  [ApiKey.OffsetFetch]: offsetFetchRule,
  [ApiKey.FindCoordinator]: findCoordinatorRule,
  [ApiKey.JoinGroup]: groupReadRule(),
  [ApiKey.Heartbeat]: groupReadRule(),
  [ApiKey.LeaveGroup]: groupReadRule(),
  [ApiKey.SyncGroup]: groupReadRule(),
  [ApiKey.DescribeGroups]: describeGroupsRule,
  [ApiKey.ListGroups]: listGroupsRule,
  [ApiKey.SaslHandshake]: open,
  [ApiKey.ApiVersions]: open,
  [ApiKey.CreateTopics]: createTopicsRule,
  [ApiKey.DeleteTopics]: deleteTopicsRule,
  [ApiKey.DeleteRecords]: deleteRecordsRule,
  [ApiKey.InitProducerId]: initProducerIdRule,
  [ApiKey.OffsetForLeaderEpoch]: offsetForLeaderEpochRule,
  [ApiKey.AddPartitionsToTxn]: addPartitionsToTxnRule,
  [ApiKey.AddOffsetsToTxn]: addOffsetsToTxnRule,
  [ApiKey.EndTxn]: endTxnRule,
  [ApiKey.TxnOffsetCommit]: txnOffsetCommitRule,
  [ApiKey.DescribeAcls]: describeAclsRule,
  [ApiKey.CreateAcls]: createAclsRule,
  [ApiKey.DeleteAcls]: deleteAclsRule,
  [ApiKey.DescribeConfigs]: describeConfigsRule,
  [ApiKey.AlterConfigs]: alterConfigsRules.alter,
  [ApiKey.DescribeLogDirs]: describeLogDirsRule,
  [ApiKey.DescribeQuorum]: describeQuorumRule,
  [ApiKey.UpdateFeatures]: updateFeaturesRule,
  [ApiKey.AlterReplicaLogDirs]: alterReplicaLogDirsRule,
  [ApiKey.SaslAuthenticate]: open,
  [ApiKey.CreatePartitions]: createPartitionsRule,
  [ApiKey.DeleteGroups]: deleteGroupsRule,
  [ApiKey.OffsetDelete]: offsetDeleteRule,
  [ApiKey.ElectLeaders]: electLeadersRule,
  [ApiKey.IncrementalAlterConfigs]: alterConfigsRules.incremental,
  [ApiKey.DescribeCluster]: open,
  [ApiKey.DescribeProducers]: describeProducersRule,
  [ApiKey.DescribeTransactions]: describeTransactionsRule,
  [ApiKey.ListTransactions]: listTransactionsRule,
  [ApiKey.DescribeUserScramCredentials]: describeScramRule,
  [ApiKey.AlterUserScramCredentials]: alterScramRule,
  [ApiKey.ConsumerGroupHeartbeat]: consumerGroupHeartbeatRule,
  [ApiKey.ConsumerGroupDescribe]: consumerGroupDescribeRule,
  [ApiKey.ShareGroupHeartbeat]: shareGroupHeartbeatRule,
  [ApiKey.ShareGroupDescribe]: shareGroupDescribeRule,
  [ApiKey.AlterPartitionReassignments]: alterPartitionReassignmentsRule,
  [ApiKey.ListPartitionReassignments]: listPartitionReassignmentsRule,
  [ApiKey.DescribeClientQuotas]: describeClientQuotasRule,
  [ApiKey.AlterClientQuotas]: alterClientQuotasRule,
  [ApiKey.ListConfigResources]: listConfigResourcesRule,
  // The token APIs check their ACLs in their handler (delegation-tokens.ts), after the checks
  // Kafka makes first (a token request refused on PLAINTEXT is not an authorization failure).
  [ApiKey.CreateDelegationToken]: open,
  [ApiKey.RenewDelegationToken]: open,
  [ApiKey.ExpireDelegationToken]: open,
  [ApiKey.DescribeDelegationToken]: open,
  // Every client may ask for its subscription and push its metrics, as in Kafka.
  [ApiKey.GetTelemetrySubscriptions]: open,
  [ApiKey.PushTelemetry]: open,
  [ApiKey.ShareFetch]: shareGroupReadRule(),
  [ApiKey.ShareAcknowledge]: shareGroupReadRule(),
  [ApiKey.DescribeShareGroupOffsets]: open,
  [ApiKey.AlterShareGroupOffsets]: alterShareGroupOffsetsRule,
  [ApiKey.DeleteShareGroupOffsets]: deleteShareGroupOffsetsRule
}
