// Transactions: every transactional id the cluster's coordinators know, refreshed while a view
// shows them, and aborting a hung one.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { TransactionSummary } from '../../../shared/api/transactions'
import { api } from '../api/client'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

const OPEN_STATES = new Set(['Ongoing', 'PrepareCommit', 'PrepareAbort'])

export function isOpenTransaction(t: TransactionSummary): boolean {
  return OPEN_STATES.has(t.state)
}

/** An open transaction past its transaction.timeout.ms: the coordinator is about to abort it. */
export function isOverdue(t: TransactionSummary, now: number): boolean {
  return t.startedAt !== null && now - t.startedAt > t.timeoutMs
}

export const useTransactionsStore = defineStore('transactions', () => {
  const transactions = shallowRef<TransactionSummary[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)
  /** When the list was fetched: ages are counted from it. */
  const fetchedAt = ref(Date.now())

  const open = computed(() => transactions.value.filter(isOpenTransaction))
  /** Open ones first, the oldest of them first; then the rest by id. */
  const sorted = computed(() =>
    [...transactions.value].sort(
      (a, b) =>
        Number(isOpenTransaction(b)) - Number(isOpenTransaction(a)) ||
        (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) ||
        a.transactionalId.localeCompare(b.transactionalId)
    )
  )

  async function fetchList(): Promise<void> {
    try {
      transactions.value = (await api.call('transactions.list', {})).transactions
      fetchedAt.value = Date.now()
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchList, 1000)
  const live = refreshLoop(
    () => reload.trigger(),
    () => 3000
  )

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  /** Aborts a transactional id's open transaction (its producer is fenced). Rejects on failure. */
  async function abort(transactionalId: string): Promise<void> {
    await api.call('transactions.abort', { transactionalId })
    await load()
  }

  return {
    transactions,
    sorted,
    open,
    loaded,
    problem,
    fetchedAt,
    load,
    abort,
    watch: live.acquire
  }
})
