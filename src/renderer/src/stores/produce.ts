// Producing one message from the console: key, value, headers, and a partition or the
// partitioner (murmur2 of the key, as the Java client does).
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api } from '../api/client'
import type { Params, Result } from '../../../shared/contract'
import type { SchemaVersionInfo } from '../../../shared/api/schemas'
import { useDialogsStore } from './dialogs'
import { fieldMessage, toProblem, type Problem } from './errors'

export interface HeaderDraft {
  key: string
  value: string
}

export interface ProduceForm {
  key: string
  nullKey: boolean
  value: string
  /** A null value: a tombstone that deletes the key on a compacted topic. */
  tombstone: boolean
  headers: HeaderDraft[]
  partition: number | 'auto'
  /** Encode the value (JSON) with this registry subject's schema; none: as typed. */
  valueSubject?: string | null
  /** The subject's version to encode with; null: the latest. */
  valueVersion?: number | null
  /** A Protobuf schema's message; null: the first. */
  valueMessage?: string | null
  /** Encode the key (JSON) with this subject's schema; none: as typed. */
  keySubject?: string | null
  keyVersion?: number | null
  keyMessage?: string | null
}

type Side = 'key' | 'value'

/** The schema a side is encoded with, as messages.produce takes it. */
function schemaRef(f: ProduceForm, side: Side): Params<'messages.produce'>['valueSchema'] {
  const subject = f[`${side}Subject`]
  if (!subject) return undefined
  const version = f[`${side}Version`]
  const message = f[`${side}Message`]
  return {
    subject,
    ...(version ? { version } : {}),
    ...(message ? { message } : {})
  }
}

/** Header rows with neither key nor value: not sent, and the form says so. */
export function emptyHeaderRows(f: ProduceForm): number {
  return f.headers.filter((h) => h.key.trim() === '' && h.value === '').length
}

export function produceParams(topic: string, f: ProduceForm): Params<'messages.produce'> {
  const headers = f.headers.filter((h) => h.key.trim() !== '')
  return {
    topic,
    key: f.nullKey ? null : f.key,
    value: f.tombstone ? null : f.value,
    ...(headers.length
      ? { headers: Object.fromEntries(headers.map((h) => [h.key.trim(), h.value])) }
      : {}),
    ...(f.partition === 'auto' ? {} : { partition: f.partition }),
    ...(f.valueSubject && !f.tombstone ? { valueSchema: schemaRef(f, 'value') } : {}),
    ...(f.keySubject && !f.nullKey ? { keySchema: schemaRef(f, 'key') } : {})
  }
}

/** Problems by field; a value that looks like JSON but is not is only a warning. */
export function produceErrors(f: ProduceForm): Record<string, string> {
  const e: Record<string, string> = {}
  const keys = f.headers.map((h) => h.key.trim()).filter(Boolean)
  const dup = keys.find((k, i) => keys.indexOf(k) !== i)
  if (dup) e.headers = `Header '${dup}' appears twice`
  const keyless = f.headers.findIndex((h) => h.key.trim() === '' && h.value !== '')
  if (keyless >= 0)
    e.headers = `Header row ${keyless + 1} has a value but no key: enter its key or remove the row`
  if (f.tombstone && f.nullKey) e.value = 'A tombstone needs a key: it deletes that key'
  return e
}

export function jsonWarning(value: string): string | null {
  const t = value.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return null
  try {
    JSON.parse(t)
    return null
  } catch (err) {
    return `Looks like JSON but does not parse: ${(err as Error).message}`
  }
}

export const useProduceStore = defineStore('produce', () => {
  const dialogs = useDialogsStore()
  const form = reactive<ProduceForm>({
    key: '',
    nullKey: false,
    value: '',
    tombstone: false,
    headers: [],
    partition: 'auto',
    valueSubject: null,
    valueVersion: null,
    valueMessage: null,
    keySubject: null,
    keyVersion: null,
    keyMessage: null
  })
  /** Each picked subject's versions (with a Protobuf schema's messages), loaded once picked. */
  const versions = ref<Record<string, SchemaVersionInfo[]>>({})
  /** The registry's subjects a value can be encoded with (empty without a registry). */
  const subjects = ref<{ subject: string; type: string; latestVersion: number }[]>([])
  const sending = ref(false)
  const serverErrors = ref<Record<string, string>>({})
  const problem = ref<Problem | null>(null)
  const last = ref<Result<'messages.produce'> | null>(null)
  const sentCount = ref(0)

  const topic = computed(() => dialogs.produce)
  const errors = computed(() => ({ ...produceErrors(form), ...serverErrors.value }))
  const warning = computed(() => (form.tombstone ? null : jsonWarning(form.value)))
  const headerNote = computed(() => {
    const n = emptyHeaderRows(form)
    return n === 0
      ? null
      : `${n === 1 ? '1 empty header row is' : `${n} empty header rows are`} not sent`
  })
  /** The value's size in bytes as it will be sent (UTF-8, exactly as typed). */
  const valueBytes = computed(() => new TextEncoder().encode(form.value).length)

  function open(name: string): void {
    dialogs.produce = name
    serverErrors.value = {}
    problem.value = null
    last.value = null
    sentCount.value = 0
    void loadSubjects(name)
  }

  /** The subjects to offer; the topic's own value subject is picked when there is one. */
  async function loadSubjects(topicName: string): Promise<void> {
    try {
      subjects.value = (await api.call('schemas.subjects', {})).subjects
    } catch {
      // No registry on this cluster: values are sent as typed, as before.
      subjects.value = []
    }
    versions.value = {}
    for (const side of ['key', 'value'] as const) {
      const own = `${topicName}-${side}`
      const picked = form[`${side}Subject`]
      if (picked && !subjects.value.some((s) => s.subject === picked)) pickSubject(side, null)
      if (!form[`${side}Subject`] && subjects.value.some((s) => s.subject === own))
        pickSubject(side, own)
      else void loadVersions(form[`${side}Subject`])
    }
  }

  /** Picks a side's subject: its latest version and first message until told otherwise. */
  function pickSubject(side: Side, subject: string | null): void {
    form[`${side}Subject`] = subject
    form[`${side}Version`] = null
    form[`${side}Message`] = null
    void loadVersions(subject)
  }

  async function loadVersions(subject: string | null | undefined): Promise<void> {
    if (!subject || versions.value[subject]) return
    try {
      const live = (await api.call('schemas.versions', { subject })).versions
      versions.value = { ...versions.value, [subject]: live.filter((v) => !v.deleted) }
    } catch {
      // The subject went away: only "latest" is offered, and sending says what is wrong.
    }
  }

  /** The version a side encodes with, as loaded (the latest when none is picked). */
  function chosenVersion(side: Side): SchemaVersionInfo | null {
    const list = versions.value[form[`${side}Subject`] ?? ''] ?? []
    const n = form[`${side}Version`]
    return (n ? list.find((v) => v.version === n) : list.at(-1)) ?? null
  }

  function close(): void {
    dialogs.produce = null
  }

  async function send(): Promise<boolean> {
    if (!topic.value || Object.keys(produceErrors(form)).length) return false
    sending.value = true
    serverErrors.value = {}
    problem.value = null
    try {
      last.value = await api.call('messages.produce', produceParams(topic.value, form))
      sentCount.value++
      return true
    } catch (err) {
      const p = toProblem(err)
      const field = p.field?.split('.')[0]
      if (
        field &&
        ['key', 'value', 'headers', 'partition', 'keySchema', 'valueSchema'].includes(field)
      )
        serverErrors.value = { [field]: fieldMessage(err) }
      else problem.value = p
      return false
    } finally {
      sending.value = false
    }
  }

  function clearServerErrors(): void {
    serverErrors.value = {}
  }

  return {
    form,
    subjects,
    versions,
    pickSubject,
    chosenVersion,
    topic,
    sending,
    errors,
    warning,
    headerNote,
    valueBytes,
    problem,
    last,
    sentCount,
    open,
    close,
    send,
    clearServerErrors
  }
})
