// Faults injected on purpose: which Kafka requests they match, how many they still act on, and
// their hits. Clearing ends every fault at once, and wakes requests a fault is holding.
import { randomUUID } from 'node:crypto'
import type { Fault, FaultAction, FaultApiName, FaultTarget } from '../../shared/api/faults'

/** What a request touches, as far as faults care. */
export interface RequestScope {
  brokerId: number
  apiKey: FaultApiName | null
  /** Topics named by the request, each with its partitions (null: the topic as a whole). */
  topics: Map<string, number[] | null>
  groupId: string | null
}

export interface FaultSpec {
  target: FaultTarget
  action: FaultAction
  count?: number
  durationMs?: number
  probability?: number
}

export class FaultRegistry {
  private faults: Fault[] = []
  private cleared = new AbortController()

  constructor(
    /** Called on every injection, hit and clear, for the cluster's history. */
    private readonly record: (message: string, fault: Fault | null) => void,
    private readonly random: () => number = Math.random
  ) {}

  /** Aborted when faults are cleared: a request held by a fault stops waiting. */
  get clearSignal(): AbortSignal {
    return this.cleared.signal
  }

  inject(spec: FaultSpec, now = Date.now()): Fault {
    const fault: Fault = {
      id: randomUUID(),
      target: spec.target,
      action: spec.action,
      count: spec.count ?? null,
      durationMs: spec.durationMs ?? null,
      probability: spec.probability ?? 1,
      createdAt: now,
      expiresAt: spec.durationMs === undefined ? null : now + spec.durationMs,
      hits: 0,
      active: true
    }
    this.faults.push(fault)
    this.record(`fault ${describeFault(fault)} injected`, fault)
    return { ...fault }
  }

  list(now = Date.now()): Fault[] {
    return this.faults.map((f) => ({ ...f, active: this.isActive(f, now) }))
  }

  /** Whether any fault still acts. */
  anyActive(now = Date.now()): boolean {
    return this.faults.some((f) => this.isActive(f, now))
  }

  /** Removes one fault or all; returns how many were removed. */
  clear(id?: string): number {
    const before = this.faults.length
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id)
    const removed = before - this.faults.length
    if (removed > 0) {
      this.cleared.abort()
      this.cleared = new AbortController()
      this.record(`${removed} fault(s) cleared`, null)
    }
    return removed
  }

  /** The first active fault that matches the request and acts on it this time (counted). */
  take(scope: RequestScope, now = Date.now()): Fault | null {
    if (this.faults.length === 0) return null
    for (const f of this.faults) {
      if (!this.isActive(f, now) || !matches(f.target, f.action, scope)) continue
      if (f.probability < 1 && this.random() >= f.probability) continue
      f.hits++
      this.record(`fault ${describeFault(f)} hit (${f.hits})`, f)
      return { ...f }
    }
    return null
  }

  private isActive(f: Fault, now: number): boolean {
    return (f.count === null || f.hits < f.count) && (f.expiresAt === null || now < f.expiresAt)
  }
}

function matches(t: FaultTarget, action: FaultAction, s: RequestScope): boolean {
  if (action.type === 'stallFetch' && s.apiKey !== 'Fetch') return false
  if (t.brokerId !== undefined && t.brokerId !== s.brokerId) return false
  if (t.apiKey !== undefined && t.apiKey !== s.apiKey) return false
  if (t.groupId !== undefined && t.groupId !== s.groupId) return false
  if (t.topic !== undefined) {
    if (!s.topics.has(t.topic)) return false
    const partitions = s.topics.get(t.topic)
    if (t.partition !== undefined && partitions && !partitions.includes(t.partition)) return false
  }
  return true
}

/** `NOT_LEADER_OR_FOLLOWER on Produce, topic orders` and the like, for logs and history. */
export function describeFault(f: Pick<Fault, 'target' | 'action'>): string {
  const a = f.action
  const what =
    a.type === 'error'
      ? a.error
      : a.type === 'closeConnection'
        ? 'connection close'
        : `${a.type} ${a.ms} ms`
  const t = f.target
  const where = [
    t.apiKey && `on ${t.apiKey}`,
    t.brokerId !== undefined && `broker ${t.brokerId}`,
    t.topic && (t.partition !== undefined ? `${t.topic}-${t.partition}` : `topic ${t.topic}`),
    t.groupId && `group ${t.groupId}`
  ].filter(Boolean)
  return where.length > 0 ? `${what} ${where.join(', ')}` : `${what} on every request`
}
