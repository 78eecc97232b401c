// Switching cluster in place, from the header or the Connections page: the view stays when its
// topic or group exists on the new connection and goes to the overview otherwise; then every
// view starts afresh on the new connection, without reloading the page.
import { useRouter } from 'vue-router'
import { useConnectionsStore } from './stores/connections'
import { routeEntity } from './lib/route-entity'

export function useConnectionSwitch(): (id: string) => Promise<void> {
  const router = useRouter()
  const connections = useConnectionsStore()
  return async (id) => {
    if (id === connections.currentId || connections.switchingTo !== null) return
    connections.switchingTo = id
    try {
      const entity = routeEntity(router.currentRoute.value)
      if (entity && !(await connections.holds(id, entity))) await router.replace('/')
      connections.switchTo(id)
    } finally {
      connections.switchingTo = null
    }
  }
}
