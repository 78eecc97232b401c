// Event subscriptions a store takes once and holds while it lives: they end with the store, so
// that a switch of connection (which disposes the stores of the cluster left) leaves no listener
// behind.
import { getCurrentScope, onScopeDispose } from 'vue'

type Unsubscribe = () => void

export interface StoreSubscriptions {
  /** Subscribes on the first call; later calls, and calls once the store is gone, do nothing. */
  once(subscribe: () => Unsubscribe[]): void
}

export function storeSubscriptions(): StoreSubscriptions {
  let held: Unsubscribe[] | null = null
  let ended = false
  if (getCurrentScope())
    onScopeDispose(() => {
      ended = true
      held?.forEach((off) => off())
      held = null
    })
  return {
    once(subscribe) {
      if (held || ended) return
      held = subscribe()
    }
  }
}
