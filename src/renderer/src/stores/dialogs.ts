// Every dialog's visibility and parameters, in one place.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useDialogsStore = defineStore('dialogs', () => {
  /** The topic-creation wizard (its form lives in the wizard store). */
  const createTopic = ref(false)
  /** Topic whose deletion is being confirmed, and what was typed to confirm it. */
  const deleteTopic = ref<string | null>(null)
  const deleteConfirmText = ref('')
  /** Topics whose deletion at once is being confirmed, and what was typed to confirm it. */
  const deleteTopics = ref<string[] | null>(null)
  const deleteTopicsConfirmText = ref('')
  /** Topic whose partition count is being increased. */
  const growPartitions = ref<string | null>(null)
  /** Topic a message is being produced to. */
  const produce = ref<string | null>(null)
  /** Topic records are being replayed from. */
  const replay = ref<string | null>(null)
  const shortcuts = ref(false)
  /** Group whose committed offsets are being reset (its form lives in the offsetReset store). */
  const resetOffsets = ref<string | null>(null)
  /** Topic whose records before an offset are being deleted (form in the deleteRecords store). */
  const deleteRecords = ref<string | null>(null)
  /** Group whose deletion is being confirmed. */
  const deleteGroup = ref<string | null>(null)
  /** Transactional id whose open transaction is being aborted. */
  const abortTransaction = ref<string | null>(null)

  function confirmDelete(topic: string): void {
    deleteTopic.value = topic
    deleteConfirmText.value = ''
  }

  function confirmDeleteMany(names: string[]): void {
    deleteTopics.value = [...names]
    deleteTopicsConfirmText.value = ''
  }

  return {
    createTopic,
    deleteTopic,
    deleteConfirmText,
    deleteTopics,
    deleteTopicsConfirmText,
    confirmDeleteMany,
    growPartitions,
    produce,
    replay,
    shortcuts,
    resetOffsets,
    deleteGroup,
    abortTransaction,
    deleteRecords,
    confirmDelete
  }
})
