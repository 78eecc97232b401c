// The names of the contract's methods and push events, free of any dependency so that the
// sandboxed preload can derive its bridge from them.

export const methodNames = [
  'cluster.describe',
  'brokers.stop',
  'brokers.start',
  'topics.list',
  'topics.describe',
  'topics.create',
  'topics.delete'
] as const

export type MethodName = (typeof methodNames)[number]

export const eventNames = ['topics.changed', 'cluster.changed'] as const

export type EventName = (typeof eventNames)[number]
