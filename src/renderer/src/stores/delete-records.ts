// Deleting a topic's records before an offset (Kafka's DeleteRecords): the dialog's form, its
// preview from the topic's offsets, and the call.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { DeletedRecords } from '../../../shared/api/topics'
import { api } from '../api/client'
import { planDeleteRecords } from '../lib/delete-records'
import { useDialogsStore } from './dialogs'
import { useTopicStore } from './topic'
import { toProblem, type Problem } from './errors'

export const useDeleteRecordsStore = defineStore('deleteRecords', () => {
  const dialogs = useDialogsStore()
  const topic = useTopicStore()
  /** null: every partition. */
  const partition = ref<number | null>(null)
  const mode = ref<'all' | 'before'>('before')
  const beforeOffset = ref<number | null>(null)
  const deleting = ref(false)
  const problem = ref<Problem | null>(null)
  const done = ref<DeletedRecords[] | null>(null)

  const name = computed(() => dialogs.deleteRecords)
  const partitions = computed(() =>
    topic.description?.name === name.value ? topic.description.partitions : []
  )
  const plan = computed(() =>
    mode.value === 'before' && beforeOffset.value === null
      ? { rows: [], total: 0, error: 'Enter the first offset to keep' }
      : planDeleteRecords(
          partitions.value,
          partition.value,
          mode.value === 'all' ? null : beforeOffset.value
        )
  )

  function open(topicName: string, p: number | null = null): void {
    dialogs.deleteRecords = topicName
    partition.value = p
    mode.value = 'before'
    beforeOffset.value = null
    problem.value = null
    done.value = null
  }

  function close(): void {
    dialogs.deleteRecords = null
  }

  async function run(): Promise<boolean> {
    const n = name.value
    if (!n || plan.value.error) return false
    deleting.value = true
    problem.value = null
    try {
      const r = await api.call('topics.deleteRecords', {
        name: n,
        ...(partition.value === null ? {} : { partitions: [partition.value] }),
        ...(mode.value === 'all' || beforeOffset.value === null
          ? {}
          : { beforeOffset: beforeOffset.value })
      })
      done.value = r.partitions
      await topic.open(n)
      return true
    } catch (err) {
      problem.value = toProblem(err)
      return false
    } finally {
      deleting.value = false
    }
  }

  return {
    partition,
    mode,
    beforeOffset,
    deleting,
    problem,
    done,
    name,
    partitions,
    plan,
    open,
    close,
    run
  }
})
