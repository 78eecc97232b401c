// Kafka's cluster id: 16 random bytes in URL-safe base64 without padding, made once and kept in
// the database.
import { randomBytes } from 'node:crypto'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export function loadClusterId(db: Db): string {
  const cq = clusterQueries(db)
  const row = cq.metaSelect.get('cluster.id')
  if (row) return row.value
  const id = randomBytes(16).toString('base64url')
  cq.metaUpsert.run('cluster.id', id)
  return id
}
