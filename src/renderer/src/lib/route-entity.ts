// The topic or group the current view is about, read from its route: what a switch of cluster
// must find on the new connection for the view to stay.

export type ClusterEntity = { kind: 'topic'; name: string } | { kind: 'group'; groupId: string }

interface RouteLike {
  name?: unknown
  params: Record<string, unknown>
  query: Record<string, unknown>
}

function text(v: unknown): string | null {
  const first = Array.isArray(v) ? (v[0] as unknown) : v
  return typeof first === 'string' && first !== '' ? first : null
}

export function routeEntity(route: RouteLike): ClusterEntity | null {
  switch (route.name) {
    case 'topic': {
      const name = text(route.params.name)
      return name === null ? null : { kind: 'topic', name }
    }
    case 'group': {
      const groupId = text(route.params.groupId)
      return groupId === null ? null : { kind: 'group', groupId }
    }
    case 'messages':
    case 'hot-partitions': {
      const name = text(route.query.topic)
      return name === null ? null : { kind: 'topic', name }
    }
    default:
      return null
  }
}
