// A consumer-protocol group's configs (consumer.session.timeout.ms ...): their values and where
// they come from, the one being edited, and the error of the last save, naming the config.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { GroupConfigInfo, GroupConfigsResult } from '../../../shared/api/groups'
import { api } from '../api/client'
import { configFieldMessage, toProblem, type Problem } from './errors'

export const useGroupConfigsStore = defineStore('groupConfigs', () => {
  const data = shallowRef<GroupConfigsResult | null>(null)
  const problem = ref<Problem | null>(null)
  const editing = ref<string | null>(null)
  const draft = ref('')
  const error = ref<string | null>(null)
  const saving = ref(false)

  async function load(groupId: string): Promise<void> {
    if (data.value?.groupId !== groupId) {
      data.value = null
      editing.value = null
    }
    try {
      data.value = await api.call('groups.describeConfigs', { groupId })
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  function startEdit(c: GroupConfigInfo): void {
    editing.value = c.name
    draft.value = c.value
    error.value = null
  }

  function cancelEdit(): void {
    editing.value = null
    error.value = null
  }

  /** Sets (or, for null, removes) configs of the group shown; false with `error` on a refusal. */
  async function alter(configs: Record<string, string | null>): Promise<boolean> {
    const groupId = data.value?.groupId
    if (!groupId) return false
    saving.value = true
    error.value = null
    try {
      data.value = await api.call('groups.alterConfigs', { groupId, configs })
      return true
    } catch (err) {
      error.value = configFieldMessage(err)
      return false
    } finally {
      saving.value = false
    }
  }

  async function save(): Promise<boolean> {
    const name = editing.value
    if (!name) return false
    const ok = await alter({ [name]: draft.value.trim() })
    if (ok) cancelEdit()
    return ok
  }

  return { data, problem, editing, draft, error, saving, load, startEdit, cancelEdit, alter, save }
})
