// Migration 14: delegation tokens (KIP-48), as Kafka's metadata keeps them: the token id, its
// owner, requester and renewers (`User:NAME`), issue, expiry and max timestamps (ms), and the
// HMAC the broker's secret key made of the id (what clients prove they hold).
export default `
CREATE TABLE delegation_tokens (
  token_id    TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  requester   TEXT NOT NULL,
  -- JSON array of principals
  renewers    TEXT NOT NULL,
  issue_ms    INTEGER NOT NULL,
  expiry_ms   INTEGER NOT NULL,
  max_ms      INTEGER NOT NULL,
  hmac        BLOB NOT NULL
) WITHOUT ROWID;
`
