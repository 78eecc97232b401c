// Migration 8: ACLs, as Kafka's authorizer keeps them: one row per binding of a resource pattern
// to a principal, host, operation and permission, in Kafka's names (TOPIC, PREFIXED, READ, DENY).
export default `
CREATE TABLE acls (
  resource_type  TEXT NOT NULL,
  resource_name  TEXT NOT NULL,
  -- LITERAL or PREFIXED
  pattern_type   TEXT NOT NULL,
  principal      TEXT NOT NULL,
  host           TEXT NOT NULL,
  operation      TEXT NOT NULL,
  -- ALLOW or DENY
  permission     TEXT NOT NULL,
  PRIMARY KEY (resource_type, resource_name, pattern_type, principal, host, operation, permission)
) WITHOUT ROWID;
`
