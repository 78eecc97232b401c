// A consumer-protocol group's configs (consumer.session.timeout.ms ...): their values and where
// they come from, the one being edited, and the error of the last save, naming the config.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { GroupConfigsResult } from '../../../shared/api/groups'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'
import { configEditor } from './config-editor'

export const useGroupConfigsStore = defineStore('groupConfigs', () => {
  const data = shallowRef<GroupConfigsResult | null>(null)
  const problem = ref<Problem | null>(null)
  const editor = configEditor(async (configs) => {
    const groupId = data.value?.groupId
    if (!groupId) return
    data.value = await api.call('groups.alterConfigs', { groupId, configs })
  })

  async function load(groupId: string): Promise<void> {
    if (data.value?.groupId !== groupId) {
      data.value = null
      editor.editing.value = null
    }
    try {
      data.value = await api.call('groups.describeConfigs', { groupId })
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  return { data, problem, load, ...editor }
})
