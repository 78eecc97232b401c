// Client quotas: the byte rates, request-time percentages and partition mutation rates set per
// user, client id or their defaults, the form that sets one, and what throttled clients used
// lately (polled while the panel is on screen; less often on a Kafka cluster, which tells no use).
import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { ClientQuotaInfo, QuotaEntity, QuotasResults } from '../../../shared/api/quotas'
import { api } from '../api/client'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'
import { useConnectionsStore } from './connections'

export type QuotaTarget =
  'client-id' | 'user' | 'default-client-id' | 'default-user' | 'ip' | 'default-ip'

/** The entity a form's target and name stand for. */
export function quotaEntity(target: QuotaTarget, name: string): QuotaEntity {
  switch (target) {
    case 'client-id':
      return { 'client-id': name.trim() }
    case 'user':
      return { user: name.trim() }
    case 'default-client-id':
      return { 'client-id': null }
    case 'default-user':
      return { user: null }
    case 'ip':
      return { ip: name.trim() }
    case 'default-ip':
      return { ip: null }
  }
}

/** How an entity reads: "client id app", "user alice", "default user", ... */
export function entityLabel(e: QuotaEntity): string {
  const part = (type: string, v: string | null | undefined) =>
    v === undefined ? null : v === null ? `default ${type}` : `${type} ${v}`
  return [part('user', e.user), part('client id', e['client-id']), part('IP', e.ip)]
    .filter(Boolean)
    .join(', ')
}

export const useQuotasStore = defineStore('quotas', () => {
  const data = shallowRef<QuotasResults['quotas.list'] | null>(null)
  const problem = ref<Problem | null>(null)
  const form = reactive({
    target: 'client-id' as QuotaTarget,
    name: '',
    producer: null as number | null,
    consumer: null as number | null,
    request: null as number | null,
    mutations: null as number | null,
    connections: null as number | null
  })

  async function load(): Promise<void> {
    try {
      data.value = await api.call('quotas.list', {})
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const connections = useConnectionsStore()
  const live = refreshLoop(
    () => void load(),
    () => (connections.isExternal ? 15_000 : 3000)
  )

  /** Sets the form's quotas (an empty rate is left as it is); an IP takes only its own. */
  async function save(): Promise<void> {
    const values: ClientQuotaInfo['values'] = {}
    const entity = quotaEntity(form.target, form.name)
    if ('ip' in entity) {
      if (form.connections !== null) values.connection_creation_rate = form.connections
      data.value = await api.call('quotas.alter', { entity, values })
      return
    }
    if (form.producer !== null) values.producer_byte_rate = form.producer
    if (form.consumer !== null) values.consumer_byte_rate = form.consumer
    if (form.request !== null) values.request_percentage = form.request
    if (form.mutations !== null) values.controller_mutation_rate = form.mutations
    data.value = await api.call('quotas.alter', { entity, values })
  }

  /** Removes every quota of an entity. */
  async function remove(quota: ClientQuotaInfo): Promise<void> {
    const values = Object.fromEntries(Object.keys(quota.values).map((k) => [k, null]))
    data.value = await api.call('quotas.alter', { entity: quota.entity, values })
  }

  return { data, problem, form, load, follow: () => live.acquire(), save, remove }
})
