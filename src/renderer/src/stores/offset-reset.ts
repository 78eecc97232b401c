// Resetting a group's committed offsets: the form, a dry-run preview of the new offsets and
// lag, and applying exactly what was previewed; a share group's start offsets of a topic can be
// deleted too. The engine refuses both while the group has
// members, with a message that says so; it is shown as it comes.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { OffsetResetPlan } from '../../../shared/api/groups'
import { api } from '../api/client'
import { emptyResetForm, resetErrors, resetParams, type ResetForm } from '../lib/offset-reset'
import { useDialogsStore } from './dialogs'
import { toProblem, type Problem } from './errors'

export const useOffsetResetStore = defineStore('offsetReset', () => {
  const dialogs = useDialogsStore()
  const form = ref<ResetForm>(emptyResetForm())
  const preview = shallowRef<OffsetResetPlan | null>(null)
  /** The parameters the preview was made with: Apply sends exactly these. */
  const previewKey = ref<string | null>(null)
  const previewing = ref(false)
  const applying = ref(false)
  const deleting = ref(false)
  const problem = ref<Problem | null>(null)
  const applied = shallowRef<OffsetResetPlan | null>(null)

  const groupId = computed(() => dialogs.resetOffsets)
  const errors = computed(() => resetErrors(form.value))
  const valid = computed(() => Object.keys(errors.value).length === 0)
  const currentKey = computed(() =>
    groupId.value && valid.value
      ? JSON.stringify(resetParams(groupId.value, form.value, false))
      : null
  )
  /** The preview still matches the form: Apply may send it. */
  const canApply = computed(
    () =>
      preview.value !== null && currentKey.value !== null && previewKey.value === currentKey.value
  )
  const previewTotals = computed(() => {
    const rows = preview.value?.offsets ?? []
    return {
      partitions: rows.length,
      lag: rows.reduce((n, r) => n + r.lag, 0),
      moved: rows.reduce((n, r) => n + (r.newOffset - (r.previousOffset ?? r.newOffset)), 0)
    }
  })

  // Any change to the form makes the preview stale; an error about the old form goes too.
  watch(
    form,
    () => {
      if (previewKey.value !== currentKey.value) problem.value = null
    },
    { deep: true }
  )

  function open(id: string, topic: string | null, partitions: number[] = []): void {
    form.value = {
      ...emptyResetForm(topic),
      ...(partitions.length ? { scope: 'chosen' as const, partitions } : {})
    }
    preview.value = null
    previewKey.value = null
    problem.value = null
    applied.value = null
    dialogs.resetOffsets = id
  }

  function close(): void {
    dialogs.resetOffsets = null
  }

  async function runPreview(): Promise<boolean> {
    const id = groupId.value
    if (!id || !valid.value) return false
    const key = currentKey.value
    previewing.value = true
    problem.value = null
    try {
      const plan = await api.call('groups.resetOffsets', resetParams(id, form.value, true))
      if (currentKey.value === key) {
        preview.value = plan
        previewKey.value = key
      }
      return true
    } catch (err) {
      preview.value = null
      previewKey.value = null
      problem.value = toProblem(err)
      return false
    } finally {
      previewing.value = false
    }
  }

  async function apply(): Promise<boolean> {
    const id = groupId.value
    if (!id || !canApply.value) return false
    applying.value = true
    problem.value = null
    try {
      applied.value = await api.call('groups.resetOffsets', resetParams(id, form.value, false))
      return true
    } catch (err) {
      problem.value = toProblem(err)
      return false
    } finally {
      applying.value = false
    }
  }

  /** A share group's: forgets its state of the form's topic (groups.deleteShareOffsets). */
  async function deleteShareOffsets(): Promise<boolean> {
    const id = groupId.value
    const topic = form.value.topic
    if (!id || !topic) return false
    deleting.value = true
    problem.value = null
    try {
      await api.call('groups.deleteShareOffsets', { groupId: id, topic })
      return true
    } catch (err) {
      problem.value = toProblem(err)
      return false
    } finally {
      deleting.value = false
    }
  }

  return {
    form,
    groupId,
    errors,
    valid,
    preview,
    previewTotals,
    previewing,
    applying,
    deleting,
    problem,
    applied,
    canApply,
    open,
    close,
    runPreview,
    apply,
    deleteShareOffsets
  }
})
