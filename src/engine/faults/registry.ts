// Faults injected on purpose: which Kafka requests they match, how many they still act on, and
// their hits. Clearing ends every fault at once, and wakes requests a fault is holding.
import { randomUUID } from 'node:crypto'
import {
  clusterActions,
  type Fault,
  type FaultAction,
  type FaultApiName,
  type FaultTarget
} from '../../shared/api/faults'
import { describeFault } from '../../shared/fault-description'

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
  private readonly listeners: ((fault: Fault | null) => void)[] = []

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
    for (const l of this.listeners) l(fault)
    return { ...fault }
  }

  /** Calls `listener` after each injection (with the fault) and clear (with null). */
  onChange(listener: (fault: Fault | null) => void): void {
    this.listeners.push(listener)
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
      for (const l of this.listeners) l(null)
    }
    return removed
  }

  /**
   * The active leaveIsr fault holding `brokerId`'s replica of a partition out of the ISR, if
   * any; `dropping` (the replica leaves the ISR now) counts a hit.
   */
  isrHold(brokerId: number, topic: string, partition: number, dropping: boolean): boolean {
    const now = Date.now()
    const f = this.faults.find(
      (f) =>
        f.action.type === 'leaveIsr' &&
        this.isActive(f, now) &&
        f.target.brokerId === brokerId &&
        (f.target.topic === undefined || f.target.topic === topic) &&
        (f.target.partition === undefined || f.target.partition === partition)
    )
    if (f && dropping) this.hit(f, `${topic}-${partition}`)
    return f !== undefined
  }

  /** The first active rebalance fault on the group that acts this time (counted). */
  takeRebalance(groupId: string, now = Date.now()): boolean {
    for (const f of this.faults) {
      if (f.action.type !== 'rebalance' || f.target.groupId !== groupId) continue
      if (!this.isActive(f, now)) continue
      if (f.probability < 1 && this.random() >= f.probability) continue
      this.hit(f)
      return true
    }
    return false
  }

  private hit(f: Fault, where?: string): void {
    f.hits++
    this.record(`fault ${describeFault(f)} hit (${f.hits})${where ? ` on ${where}` : ''}`, f)
  }

  /**
   * The first active fault that matches the request and acts on it this time (counted). The
   * request's scope is worked out only when there are faults to match it against.
   */
  take(scopeOf: () => RequestScope, now = Date.now()): Fault | null {
    if (this.faults.length === 0) return null
    const scope = scopeOf()
    for (const f of this.faults) {
      if (!this.isActive(f, now) || !matches(f.target, f.action, scope)) continue
      if (f.probability < 1 && this.random() >= f.probability) continue
      this.hit(f)
      return { ...f }
    }
    return null
  }

  private isActive(f: Fault, now: number): boolean {
    return (f.count === null || f.hits < f.count) && (f.expiresAt === null || now < f.expiresAt)
  }
}

const actsOnCluster = new Set<string>(clusterActions)

function matches(t: FaultTarget, action: FaultAction, s: RequestScope): boolean {
  if (actsOnCluster.has(action.type)) return false
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
