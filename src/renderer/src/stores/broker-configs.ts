// Broker configs: every config of the cluster (or of one broker) with its value and source, the
// one being edited, and the error of the last save, naming the config.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BrokerConfigsResult } from '../../../shared/api/broker-configs'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'
import { configEditor } from './config-editor'

export const useBrokerConfigsStore = defineStore('brokerConfigs', () => {
  const data = shallowRef<BrokerConfigsResult | null>(null)
  const problem = ref<Problem | null>(null)
  /** null: the values every broker has; a broker id: that broker's. */
  const scope = ref<number | null>(null)
  const editor = configEditor(async (configs) => {
    data.value = await api.call('brokers.alterConfigs', { brokerId: scope.value, configs })
  })

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
    editor.cancelEdit()
    void load()
  }

  /** Removes the run-time value set at this scope: back to the start-time value or the default. */
  async function reset(name: string): Promise<boolean> {
    return editor.alter({ [name]: null })
  }

  const { editing, draft, error, saving, startEdit, cancelEdit, save } = editor
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
