// A client instance as the broker's ClientMetricsManager keeps it, for tests of what receives its
// pushes: subscribed to every metric, pushing every second.
import type {
  ClientInstance,
  TelemetryClient
} from '../../src/engine/telemetry/client-metrics-manager'

export const clientInstance = (id: string, client: TelemetryClient): ClientInstance => ({
  id,
  client,
  subscriptionId: 1,
  subscriptionVersion: 0,
  metrics: ['*'],
  pushIntervalMs: 1000,
  lastGetMs: 0,
  lastPushMs: 0,
  lastRequestMs: 0,
  terminating: false,
  lastError: 0
})
