// Every dialog's visibility and parameters, in one place.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useDialogsStore = defineStore('dialogs', () => {
  const createTopic = ref(false)
  const deleteTopic = ref<string | null>(null)
  return { createTopic, deleteTopic }
})
