// Every served API key and its handler.
import { ApiKey } from '../protocol'
import type { HandlerTable } from '../dispatch'
import { handleApiVersions } from './api-versions'
import { handleMetadata } from './metadata'
import { handleDescribeTopicPartitions } from './describe-topic-partitions'
import { handleDescribeCluster, handleFindCoordinator } from './cluster-info'
import { handleCreatePartitions, handleCreateTopics, handleDeleteTopics } from './topics-admin'
import { handleAlterConfigs, handleDescribeConfigs, handleIncrementalAlterConfigs } from './configs'
import { handleElectLeaders } from './elect-leaders'
import { handleHeartbeat, handleJoinGroup, handleLeaveGroup, handleSyncGroup } from './groups'
import { handleDeleteGroups, handleDescribeGroups, handleListGroups } from './group-admin'
import { handleOffsetCommit, handleOffsetFetch } from './group-offsets'
import { handleConsumerGroupDescribe, handleConsumerGroupHeartbeat } from './consumer-groups'
import { handleShareGroupDescribe, handleShareGroupHeartbeat } from './share-groups'
import { handleOffsetDelete } from './offset-delete'
import { handleInitProducerId } from './init-producer-id'
import { handleDescribeLogDirs } from './log-dirs'
import { handleDescribeQuorum } from './describe-quorum'
import { handleUpdateFeatures } from './update-features'
import { handleAlterReplicaLogDirs } from './alter-replica-log-dirs'
import { handleAlterClientQuotas, handleDescribeClientQuotas } from './client-quotas'
import { handleListConfigResources } from './list-config-resources'
import { handleGetTelemetrySubscriptions, handlePushTelemetry } from './telemetry'
import {
  handleAlterPartitionReassignments,
  handleListPartitionReassignments
} from './reassignments'
import {
  handleAddOffsetsToTxn,
  handleAddPartitionsToTxn,
  handleEndTxn,
  handleTxnOffsetCommit
} from './transactions'
import {
  handleDescribeProducers,
  handleDescribeTransactions,
  handleListTransactions
} from './transaction-admin'
import { handleProduce } from './produce'
import { handleFetch } from './fetch'
import { handleShareFetch } from './share-fetch'
import { handleShareAcknowledge } from './share-acknowledge'
import {
  handleAlterShareGroupOffsets,
  handleDeleteShareGroupOffsets,
  handleDescribeShareGroupOffsets
} from './share-group-offsets'
import { handleDeleteRecords, handleListOffsets, handleOffsetForLeaderEpoch } from './offsets'
import { handleSaslAuthenticate, handleSaslHandshake } from './sasl'
import { handleCreateAcls, handleDeleteAcls, handleDescribeAcls } from './acls'
import {
  handleAlterUserScramCredentials,
  handleDescribeUserScramCredentials
} from './scram-credentials'
import {
  handleCreateDelegationToken,
  handleDescribeDelegationToken,
  handleExpireDelegationToken,
  handleRenewDelegationToken
} from './delegation-tokens'

export const handlers: HandlerTable = {
  [ApiKey.Produce]: handleProduce,
  [ApiKey.Fetch]: handleFetch,
  [ApiKey.ListOffsets]: handleListOffsets,
  [ApiKey.DeleteRecords]: handleDeleteRecords,
  [ApiKey.OffsetForLeaderEpoch]: handleOffsetForLeaderEpoch,
  [ApiKey.ApiVersions]: handleApiVersions,
  [ApiKey.Metadata]: handleMetadata,
  [ApiKey.DescribeTopicPartitions]: handleDescribeTopicPartitions,
  [ApiKey.DescribeCluster]: handleDescribeCluster,
  [ApiKey.FindCoordinator]: handleFindCoordinator,
  [ApiKey.CreateTopics]: handleCreateTopics,
  [ApiKey.DeleteTopics]: handleDeleteTopics,
  [ApiKey.CreatePartitions]: handleCreatePartitions,
  [ApiKey.DescribeConfigs]: handleDescribeConfigs,
  [ApiKey.AlterConfigs]: handleAlterConfigs,
  [ApiKey.IncrementalAlterConfigs]: handleIncrementalAlterConfigs,
  [ApiKey.ElectLeaders]: handleElectLeaders,
  [ApiKey.JoinGroup]: handleJoinGroup,
  [ApiKey.SyncGroup]: handleSyncGroup,
  [ApiKey.Heartbeat]: handleHeartbeat,
  [ApiKey.LeaveGroup]: handleLeaveGroup,
  [ApiKey.OffsetCommit]: handleOffsetCommit,
  [ApiKey.OffsetFetch]: handleOffsetFetch,
  [ApiKey.DescribeGroups]: handleDescribeGroups,
  [ApiKey.ListGroups]: handleListGroups,
  [ApiKey.DeleteGroups]: handleDeleteGroups,
  [ApiKey.OffsetDelete]: handleOffsetDelete,
  [ApiKey.DescribeLogDirs]: handleDescribeLogDirs,
  [ApiKey.DescribeQuorum]: handleDescribeQuorum,
  [ApiKey.UpdateFeatures]: handleUpdateFeatures,
  [ApiKey.AlterReplicaLogDirs]: handleAlterReplicaLogDirs,
  [ApiKey.AlterPartitionReassignments]: handleAlterPartitionReassignments,
  [ApiKey.ListPartitionReassignments]: handleListPartitionReassignments,
  [ApiKey.DescribeClientQuotas]: handleDescribeClientQuotas,
  [ApiKey.AlterClientQuotas]: handleAlterClientQuotas,
  [ApiKey.ListConfigResources]: handleListConfigResources,
  [ApiKey.GetTelemetrySubscriptions]: handleGetTelemetrySubscriptions,
  [ApiKey.PushTelemetry]: handlePushTelemetry,
  [ApiKey.InitProducerId]: handleInitProducerId,
  [ApiKey.AddPartitionsToTxn]: handleAddPartitionsToTxn,
  [ApiKey.AddOffsetsToTxn]: handleAddOffsetsToTxn,
  [ApiKey.EndTxn]: handleEndTxn,
  [ApiKey.TxnOffsetCommit]: handleTxnOffsetCommit,
  [ApiKey.DescribeTransactions]: handleDescribeTransactions,
  [ApiKey.ListTransactions]: handleListTransactions,
  [ApiKey.DescribeProducers]: handleDescribeProducers,
  [ApiKey.SaslHandshake]: handleSaslHandshake,
  [ApiKey.SaslAuthenticate]: handleSaslAuthenticate,
  [ApiKey.DescribeUserScramCredentials]: handleDescribeUserScramCredentials,
  [ApiKey.AlterUserScramCredentials]: handleAlterUserScramCredentials,
  [ApiKey.CreateDelegationToken]: handleCreateDelegationToken,
  [ApiKey.RenewDelegationToken]: handleRenewDelegationToken,
  [ApiKey.ExpireDelegationToken]: handleExpireDelegationToken,
  [ApiKey.DescribeDelegationToken]: handleDescribeDelegationToken,
  [ApiKey.DescribeAcls]: handleDescribeAcls,
  [ApiKey.CreateAcls]: handleCreateAcls,
  [ApiKey.DeleteAcls]: handleDeleteAcls,
  [ApiKey.ConsumerGroupHeartbeat]: handleConsumerGroupHeartbeat,
  [ApiKey.ConsumerGroupDescribe]: handleConsumerGroupDescribe,
  [ApiKey.ShareGroupHeartbeat]: handleShareGroupHeartbeat,
  [ApiKey.ShareGroupDescribe]: handleShareGroupDescribe,
  [ApiKey.ShareFetch]: handleShareFetch,
  [ApiKey.ShareAcknowledge]: handleShareAcknowledge,
  [ApiKey.DescribeShareGroupOffsets]: handleDescribeShareGroupOffsets,
  [ApiKey.AlterShareGroupOffsets]: handleAlterShareGroupOffsets,
  [ApiKey.DeleteShareGroupOffsets]: handleDeleteShareGroupOffsets
}
