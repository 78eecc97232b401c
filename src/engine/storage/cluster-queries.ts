// Named queries over cluster_meta and brokers (and the brokers the partitions' replicas are on).
import type { Db } from './database'

export function clusterQueries(db: Db) {
  return {
    metaSelect: db.prepare<[string], { value: string }>(
      'SELECT value FROM cluster_meta WHERE key = ?'
    ),
    metaDelete: db.prepare<[string]>('DELETE FROM cluster_meta WHERE key = ?'),
    metaUpsert: db.prepare<[string, string]>(
      'INSERT INTO cluster_meta (key, value) VALUES (?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value'
    ),
    brokersSelectAll: db.prepare<[], { broker_id: number; stopped: number }>(
      'SELECT broker_id, stopped FROM brokers ORDER BY broker_id'
    ),
    partitionReplicasAll: db.prepare<[], { replicas: string }>('SELECT replicas FROM partitions'),
    brokersUpsert: db.prepare<[number, number]>(
      'INSERT INTO brokers (broker_id, stopped) VALUES (?, ?) ' +
        'ON CONFLICT (broker_id) DO UPDATE SET stopped = excluded.stopped'
    )
  }
}
