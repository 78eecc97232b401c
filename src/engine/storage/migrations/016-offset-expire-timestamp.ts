// Migration 16: when a committed offset expires, for offsets committed with a retention time
// (OffsetCommit v2-4's retention_time_ms); NULL for the others, which expire under the
// broker's offsets.retention.minutes.
export default `
ALTER TABLE group_offsets ADD COLUMN expire_timestamp INTEGER;
`
