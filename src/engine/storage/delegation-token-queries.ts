// Named queries over delegation_tokens.
import type { Db } from './database'

export interface DelegationTokenRow {
  token_id: string
  owner: string
  requester: string
  renewers: string
  issue_ms: number
  expiry_ms: number
  max_ms: number
  hmac: Buffer
}

export function delegationTokenQueries(db: Db) {
  return {
    tokenSelectAll: db.prepare<[], DelegationTokenRow>(
      'SELECT token_id, owner, requester, renewers, issue_ms, expiry_ms, max_ms, hmac ' +
        'FROM delegation_tokens ORDER BY issue_ms, token_id'
    ),
    tokenInsert: db.prepare<[string, string, string, string, number, number, number, Buffer]>(
      'INSERT INTO delegation_tokens ' +
        '(token_id, owner, requester, renewers, issue_ms, expiry_ms, max_ms, hmac) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    tokenSetExpiry: db.prepare<[number, string]>(
      'UPDATE delegation_tokens SET expiry_ms = ? WHERE token_id = ?'
    ),
    tokenDelete: db.prepare<[string]>('DELETE FROM delegation_tokens WHERE token_id = ?')
  }
}
