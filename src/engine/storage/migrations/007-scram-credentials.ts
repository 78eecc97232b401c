// Migration 7: SCRAM credentials of SASL users, as Kafka keeps them: per user and mechanism the
// salt, iterations, StoredKey and ServerKey; never a password.
export default `
CREATE TABLE scram_credentials (
  user        TEXT NOT NULL,
  -- SCRAM-SHA-256 or SCRAM-SHA-512
  mechanism   TEXT NOT NULL,
  salt        BLOB NOT NULL,
  iterations  INTEGER NOT NULL,
  stored_key  BLOB NOT NULL,
  server_key  BLOB NOT NULL,
  PRIMARY KEY (user, mechanism)
) WITHOUT ROWID;
`
