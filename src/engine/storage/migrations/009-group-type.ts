// Migration 9: which protocol a group speaks, classic (JoinGroup/SyncGroup) or consumer
// (ConsumerGroupHeartbeat, KIP-848), so that a group id keeps its type across restarts.
export default `
ALTER TABLE consumer_groups ADD COLUMN group_type TEXT NOT NULL DEFAULT 'classic';
`
