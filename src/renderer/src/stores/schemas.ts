// The schema registry: its subjects, the open subject's versions and a diff between two of them,
// the register dialog (a compatibility verdict before saving), levels and deletes.
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import type { Result } from '../../../shared/contract'
import type {
  CompatibilityLevel,
  CompatibilityVerdict,
  SchemaTypeName,
  SubjectSummary
} from '../../../shared/api/schemas'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'

export interface RegisterForm {
  subject: string
  schemaType: SchemaTypeName
  schema: string
}

/** What to delete: a version of a subject, or the whole subject; softly or for good. */
export interface DeleteTarget {
  subject: string
  version?: number
  permanent: boolean
}

export const useSchemasStore = defineStore('schemas', () => {
  const subjects = shallowRef<SubjectSummary[]>([])
  const globalLevel = ref<CompatibilityLevel>('BACKWARD')
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)

  const subject = ref<string | null>(null)
  const detail = shallowRef<Result<'schemas.versions'> | null>(null)
  const detailProblem = ref<Problem | null>(null)
  const compared = shallowRef<Result<'schemas.compare'> | null>(null)
  const pair = reactive({ left: 0, right: 0 })

  const register = reactive({
    open: false,
    /** A new subject (its name is typed) rather than a new version of the open one. */
    newSubject: false,
    form: { subject: '', schemaType: 'AVRO', schema: '' } as RegisterForm,
    verdict: null as CompatibilityVerdict | null,
    checking: false,
    saving: false,
    problem: null as Problem | null
  })
  const deleting = ref<DeleteTarget | null>(null)

  const liveVersions = computed(() => detail.value?.versions.filter((v) => !v.deleted) ?? [])

  async function loadSubjects(): Promise<void> {
    try {
      const r = await api.call('schemas.subjects', {})
      subjects.value = r.subjects
      globalLevel.value = r.compatibility
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  /** Opens a subject: its versions, and a diff of its last two (or its only one with itself). */
  async function openSubject(name: string): Promise<void> {
    if (subject.value !== name) {
      detail.value = null
      compared.value = null
    }
    subject.value = name
    try {
      detail.value = await api.call('schemas.versions', { subject: name, deleted: true })
      detailProblem.value = null
    } catch (err) {
      detail.value = null
      detailProblem.value = toProblem(err)
      return
    }
    const live = liveVersions.value.map((v) => v.version)
    const all = detail.value.versions.map((v) => v.version)
    if (!all.includes(pair.left) || !all.includes(pair.right) || compared.value === null) {
      const last = live.at(-1) ?? all.at(-1) ?? 1
      pair.right = last
      pair.left = live.at(-2) ?? last
    }
    await compare()
  }

  async function compare(): Promise<void> {
    if (!subject.value || !pair.left || !pair.right) return
    try {
      compared.value = await api.call('schemas.compare', {
        subject: subject.value,
        left: pair.left,
        right: pair.right
      })
    } catch (err) {
      detailProblem.value = toProblem(err)
    }
  }

  /** Opens the register dialog: a new version of `forSubject` (its latest as the draft), or a new subject. */
  function startRegister(forSubject: string | null): void {
    const latest = forSubject ? liveVersions.value.at(-1) : undefined
    register.newSubject = forSubject === null
    register.form = {
      subject: forSubject ?? '',
      schemaType: latest?.type ?? 'AVRO',
      schema: latest ? prettySchema(latest.type, latest.schema) : ''
    }
    register.verdict = null
    register.problem = null
    register.open = true
  }

  function draftChanged(): void {
    register.verdict = null
    register.problem = null
  }

  async function check(): Promise<CompatibilityVerdict | null> {
    register.checking = true
    register.problem = null
    try {
      register.verdict = await api.call('schemas.check', { ...register.form })
      return register.verdict
    } catch (err) {
      register.verdict = null
      // A subject that does not exist yet has nothing to be compatible with.
      register.problem = toProblem(err)
      return null
    } finally {
      register.checking = false
    }
  }

  async function save(): Promise<Result<'schemas.register'> | null> {
    register.saving = true
    register.problem = null
    try {
      const done = await api.call('schemas.register', { ...register.form })
      register.open = false
      await loadSubjects()
      if (subject.value === done.subject) {
        pair.left = pair.right
        pair.right = done.version
        await openSubject(done.subject)
      }
      return done
    } catch (err) {
      register.problem = toProblem(err)
      return null
    } finally {
      register.saving = false
    }
  }

  /** Sets the open subject's level; null falls back to the global one. Rejects on failure. */
  async function setLevel(level: CompatibilityLevel | null): Promise<void> {
    if (!subject.value) return
    await api.call('schemas.setCompatibility', { subject: subject.value, level })
    await Promise.all([openSubject(subject.value), loadSubjects()])
  }

  /** Deletes what `deleting` names. Rejects on failure. */
  async function confirmDelete(): Promise<Result<'schemas.delete'> | null> {
    const target = deleting.value
    if (!target) return null
    const done = await api.call('schemas.delete', {
      subject: target.subject,
      permanent: target.permanent,
      ...(target.version !== undefined ? { version: target.version } : {})
    })
    deleting.value = null
    await loadSubjects()
    if (
      subject.value === target.subject &&
      subjects.value.some((s) => s.subject === target.subject)
    )
      await openSubject(target.subject)
    return done
  }

  return {
    subjects,
    globalLevel,
    loaded,
    problem,
    subject,
    detail,
    detailProblem,
    liveVersions,
    compared,
    pair,
    register,
    deleting,
    loadSubjects,
    openSubject,
    compare,
    startRegister,
    draftChanged,
    check,
    save,
    setLevel,
    confirmDelete
  }
})

/** JSON schemas indented for editing; Protobuf as written. */
export function prettySchema(type: SchemaTypeName, schema: string): string {
  if (type === 'PROTOBUF') return schema
  try {
    return JSON.stringify(JSON.parse(schema), null, 2)
  } catch {
    return schema
  }
}
