// Names and messages shared by the demo's setup (main thread) and its clients (worker thread).
import type { DemoClientStatus } from '../../shared/api/demo'

export const DEMO_TOPICS = {
  orders: 'demo.orders',
  payments: 'demo.payments',
  deadLetters: 'demo.orders.dlq'
} as const
export const DEMO_GROUPS = { fulfillment: 'demo-fulfillment', analytics: 'demo-analytics' } as const
export const HOT_TENANT = 'tenant-42'

export type DemoGroupId = (typeof DEMO_GROUPS)[keyof typeof DEMO_GROUPS]

export interface DemoWorkerData {
  bootstrap: string[]
  /** How the demo's clients reach listeners that ask for TLS and/or SASL. */
  security?: DemoClientSecurity
  /** Advertised `host:port` -> the `host:port` that broker listens on (advertised listeners). */
  routes: Record<string, string>
}

export interface DemoClientSecurity {
  tls: boolean
  /** A PLAIN login the listeners accept from this process only. */
  sasl?: { username: string; password: string }
}

export type DemoClientActivity = DemoClientStatus

export interface DemoWorkerStatus {
  producer: DemoClientStatus & { topics: string[] }
  consumers: (DemoClientStatus & { groupId: DemoGroupId; topic: string; paused: boolean })[]
}

/** Main thread -> worker. */
export type DemoCommand =
  { kind: 'stop' } | { kind: 'pause' | 'resume'; groupId: DemoGroupId; requestId: number }

/** Worker -> main thread. */
export type DemoWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'error'; message: string }
  | { kind: 'status'; status: DemoWorkerStatus }
  | { kind: 'done'; requestId: number; error?: string }
