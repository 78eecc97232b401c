// Named queries over scram_credentials.
import type { Db } from './database'

export interface ScramCredentialRow {
  user: string
  mechanism: string
  salt: Buffer
  iterations: number
  stored_key: Buffer
  server_key: Buffer
}

export function scramQueries(db: Db) {
  return {
    credentialSelectAll: db.prepare<[], ScramCredentialRow>(
      'SELECT user, mechanism, salt, iterations, stored_key, server_key FROM scram_credentials ' +
        'ORDER BY user, mechanism'
    ),
    credentialUpsert: db.prepare<[string, string, Buffer, number, Buffer, Buffer]>(
      'INSERT INTO scram_credentials (user, mechanism, salt, iterations, stored_key, server_key) ' +
        'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user, mechanism) DO UPDATE SET ' +
        'salt = excluded.salt, iterations = excluded.iterations, ' +
        'stored_key = excluded.stored_key, server_key = excluded.server_key'
    ),
    credentialDelete: db.prepare<[string, string]>(
      'DELETE FROM scram_credentials WHERE user = ? AND mechanism = ?'
    ),
    credentialDeleteUser: db.prepare<[string]>('DELETE FROM scram_credentials WHERE user = ?')
  }
}
