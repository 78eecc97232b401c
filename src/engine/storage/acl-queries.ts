// Named queries over acls.
import type { Db } from './database'

export interface AclRow {
  resource_type: string
  resource_name: string
  pattern_type: string
  principal: string
  host: string
  operation: string
  permission: string
}

type AclKey = [string, string, string, string, string, string, string]

export function aclQueries(db: Db) {
  return {
    aclSelectAll: db.prepare<[], AclRow>(
      'SELECT resource_type, resource_name, pattern_type, principal, host, operation, permission ' +
        'FROM acls ORDER BY resource_type, resource_name, pattern_type, principal, host, operation, permission'
    ),
    aclInsert: db.prepare<AclKey>(
      'INSERT OR IGNORE INTO acls (resource_type, resource_name, pattern_type, principal, host, ' +
        'operation, permission) VALUES (?, ?, ?, ?, ?, ?, ?)'
    ),
    aclDelete: db.prepare<AclKey>(
      'DELETE FROM acls WHERE resource_type = ? AND resource_name = ? AND pattern_type = ? AND ' +
        'principal = ? AND host = ? AND operation = ? AND permission = ?'
    )
  }
}
