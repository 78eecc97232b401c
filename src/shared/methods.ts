// The names of the contract's methods and push events, free of any dependency so that the
// sandboxed preload can derive its bridge from them.

export const methodNames = [
  'cluster.describe',
  'cluster.history',
  'brokers.stop',
  'brokers.start',
  'brokers.configure',
  'partitions.electLeaders',
  'topics.list',
  'topics.describe',
  'topics.create',
  'topics.delete',
  'topics.deleteMany',
  'topics.alterConfigs',
  'topics.createPartitions',
  'topics.deleteRecords',
  'messages.read',
  'messages.produce',
  'messages.search',
  'messages.searchResults',
  'messages.copy',
  'messages.copyCount',
  'groups.list',
  'groups.describe',
  'groups.resetOffsets',
  'groups.delete',
  'groups.lagHistory',
  'partitions.skew',
  'partitions.whatIf',
  'transactions.list',
  'transactions.abort',
  'metrics.produceRate',
  'operations.cancel',
  'operations.list',
  'demo.load',
  'demo.status',
  'demo.pauseGroup',
  'demo.resumeGroup',
  'faults.inject',
  'faults.list',
  'faults.clear',
  'schemas.subjects',
  'schemas.versions',
  'schemas.compare',
  'schemas.check',
  'schemas.register',
  'schemas.setCompatibility',
  'schemas.delete',
  'users.list',
  'users.set',
  'users.delete',
  'acls.list',
  'acls.create',
  'acls.delete',
  'connections.list',
  'connections.add',
  'connections.update',
  'connections.remove',
  'connections.test'
] as const

export type MethodName = (typeof methodNames)[number]

export const eventNames = [
  'topics.changed',
  'cluster.changed',
  'groups.changed',
  'operation.progress'
] as const

export type EventName = (typeof eventNames)[number]
