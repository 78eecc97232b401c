// Names shared by the demo's setup (main thread) and its clients (worker thread).

export const DEMO_TOPICS = {
  orders: 'demo.orders',
  payments: 'demo.payments',
  deadLetters: 'demo.orders.dlq'
} as const
export const DEMO_GROUPS = { fulfillment: 'demo-fulfillment', analytics: 'demo-analytics' } as const
export const HOT_TENANT = 'tenant-42'

export interface DemoWorkerData {
  bootstrap: string[]
}

export type DemoWorkerMessage = { kind: 'ready' } | { kind: 'error'; message: string }
