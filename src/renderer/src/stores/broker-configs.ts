// Broker configs: every config of the cluster (or of one broker) with its value and source, the
// one being edited, and the error of the last save, naming the config.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BrokerConfigInfo, BrokerConfigsResult } from '../../../shared/api/broker-configs'
import { api } from '../api/client'
import { configFieldMessage, toProblem, type Problem } from './errors'

export const useBrokerConfigsStore = defineStore('brokerConfigs', () => {
  const data = shallowRef<BrokerConfigsResult | null>(null)
  const problem = ref<Problem | null>(null)
  /** null: the values every broker has; a broker id: that broker's. */
  const scope = ref<number | null>(null)
  const editing = ref<string | null>(null)
  const draft = ref('')
  const error = ref<string | null>(null)
  const saving = ref(false)

  async function load(): Promise<void> {
    try {
      data.value = await api.call('brokers.describeConfigs', { brokerId: scope.value })
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  function setScope(brokerId: number | null): void {
    scope.value = brokerId
    cancelEdit()
    void load()
  }

  function startEdit(c: BrokerConfigInfo): void {
    editing.value = c.name
    draft.value = c.value ?? ''
    error.value = null
  }

  function cancelEdit(): void {
    editing.value = null
    draft.value = ''
    error.value = null
  }

  async function alter(configs: Record<string, string | null>): Promise<boolean> {
    saving.value = true
    error.value = null
    try {
      data.value = await api.call('brokers.alterConfigs', { brokerId: scope.value, configs })
      return true
    } catch (err) {
      error.value = configFieldMessage(err)
      return false
    } finally {
      saving.value = false
    }
  }

  /** Saves the value being edited; false (with `error` set) when it is refused. */
  async function save(): Promise<boolean> {
    const name = editing.value
    if (!name) return false
    const ok = await alter({ [name]: draft.value.trim() })
    if (ok) cancelEdit()
    return ok
  }

  /** Removes the run-time value set at this scope: back to the start-time value or the default. */
  async function reset(name: string): Promise<boolean> {
    return alter({ [name]: null })
  }

  return {
    data,
    problem,
    scope,
    editing,
    draft,
    error,
    saving,
    load,
    setScope,
    startEdit,
    cancelEdit,
    save,
    reset
  }
})
