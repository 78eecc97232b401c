// The topic-creation wizard: its step, the plan being built, live validation per step, and
// server errors put back on the field (and step) they belong to.
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import {
  ADVANCED_STEP,
  applyPreset,
  defaultPlan,
  durability,
  estimateDisk,
  kafkaTopicsCommand,
  planConfigs,
  sizePartitions,
  stepForField,
  stepOwnedConfigs,
  wizardSteps,
  type Purpose,
  type TopicPlan
} from '../lib/topic-plan'
import { checkTopicName } from '../lib/topic-name'
import {
  checkTopicConfig,
  kafkaTopicConfigs,
  topicConfigDefs,
  type TopicConfigDef
} from '../../../shared/kafka/topic-configs'
import { useClusterStore } from './cluster'
import { useTopicsStore } from './topics'
import { useDialogsStore } from './dialogs'
import { fieldMessage, toProblem } from './errors'

/** Server field names ('configs.retention.ms', 'retention.ms') as the wizard names them. */
export function normalizeField(field: string | undefined): string | undefined {
  return field?.replace(/^configs\./, '')
}

export const useWizardStore = defineStore('topicWizard', () => {
  const cluster = useClusterStore()
  const topics = useTopicsStore()
  const dialogs = useDialogsStore()

  const step = ref(0)
  const plan = reactive<TopicPlan>(defaultPlan(1))
  const nameTouched = ref(false)
  const serverErrors = ref<Record<string, string>>({})
  const generalError = ref<string | null>(null)
  const submitting = ref(false)

  const brokers = computed(() => cluster.info?.brokers.length ?? 1)
  const nameCheck = computed(() => checkTopicName(plan.name, topics.names))
  const sizing = computed(() => sizePartitions(plan))
  const replication = computed(() =>
    durability(plan.replicationFactor, plan.minInsyncReplicas, brokers.value)
  )
  const disk = computed(() => estimateDisk(plan, brokers.value))
  const configs = computed(() => planConfigs(plan))
  const command = computed(() => kafkaTopicsCommand(plan, cluster.firstBootstrap))
  /**
   * The configs the cluster accepts: Kafka's whole catalogue on a Kafka cluster, what the engine
   * implements on the embedded one.
   */
  const catalogue = computed<ReadonlyMap<string, TopicConfigDef>>(() =>
    cluster.info?.kind === 'embedded' || !cluster.info ? topicConfigDefs : kafkaTopicConfigs
  )
  /** What the Advanced step offers: every config of the catalogue the earlier steps do not set. */
  const advancedConfigs = computed(() =>
    [...catalogue.value.values()]
      .filter((d) => !stepOwnedConfigs.includes(d.name))
      .sort((a, b) => a.name.localeCompare(b.name))
  )

  function advancedError(name: string): string | null {
    const value = plan.extraConfigs[name]
    if (value === undefined) return null
    const check = checkTopicConfig(name, value, catalogue.value)
    if (check.ok) return null
    if (check.unknown) return `${name} is not a topic config this cluster knows`
    return `${name} ${check.problem}${value.trim() === '' ? '' : ` (not '${value.trim()}')`}`
  }

  /** Sets a config on the Advanced step (a changed value clears the server's complaints). */
  function setAdvanced(name: string, value: string): void {
    plan.extraConfigs = { ...plan.extraConfigs, [name]: value }
  }
  /** Back to the cluster's default. */
  function clearAdvanced(name: string): void {
    const { [name]: _, ...rest } = plan.extraConfigs
    plan.extraConfigs = rest
  }

  function fieldError(field: string): string | null {
    const server = serverErrors.value[field]
    if (server) return server
    switch (field) {
      case 'name':
        return nameTouched.value || plan.name !== '' ? nameCheck.value.error : null
      case 'partitions':
        return Number.isInteger(plan.partitions) &&
          plan.partitions >= 1 &&
          plan.partitions <= 10_000
          ? null
          : 'Between 1 and 10,000 partitions'
      case 'replicationFactor':
        return replication.value.replicationError
      case 'min.insync.replicas':
        return replication.value.minInsyncError
      case 'retention.ms':
        return plan.retentionMs === -1 || plan.retentionMs > 0
          ? null
          : 'More than 0, or keep forever'
      case 'retention.bytes':
        return plan.retentionBytes === -1 || plan.retentionBytes > 0
          ? null
          : 'More than 0, or no size limit'
      default:
        return advancedError(field)
    }
  }

  const stepFields = computed<string[][]>(() => {
    const fields: string[][] = [
      ['name'],
      ['partitions'],
      ['replicationFactor', 'min.insync.replicas'],
      ['retention.ms', 'retention.bytes', 'cleanup.policy'],
      [],
      []
    ]
    fields[ADVANCED_STEP] = Object.keys(plan.extraConfigs)
    return fields
  })

  function stepValid(i: number): boolean {
    if (i === 0 && nameCheck.value.error) return false
    return stepFields.value[i].every((f) => !fieldError(f))
  }
  /** Errors a person can see on the step (an untouched empty name is not one yet). */
  function stepHasErrors(i: number): boolean {
    return stepFields.value[i].some((f) => fieldError(f) !== null)
  }
  const canAdvance = computed(() => stepValid(step.value))
  const allValid = computed(() => stepFields.value.every((_, i) => stepValid(i)))
  const isLast = computed(() => step.value === wizardSteps.length - 1)

  // Any edit may fix what the server complained about: clear its errors.
  watch(
    () => ({ ...plan }),
    () => {
      serverErrors.value = {}
      generalError.value = null
    }
  )

  function start(purpose: Purpose = 'events'): void {
    Object.assign(plan, applyPreset(defaultPlan(brokers.value), purpose, brokers.value))
    step.value = 0
    nameTouched.value = false
    serverErrors.value = {}
    generalError.value = null
    dialogs.createTopic = true
    void topics.load()
  }

  function close(): void {
    dialogs.createTopic = false
  }

  function choosePurpose(purpose: Purpose): void {
    const name = plan.name
    Object.assign(plan, applyPreset({ ...plan }, purpose, brokers.value), { name })
  }

  function next(): void {
    if (step.value === 0) nameTouched.value = true
    if (!canAdvance.value || isLast.value) return
    step.value++
  }

  function back(): void {
    if (step.value > 0) step.value--
  }

  /** Jumps to a step; forward only past steps that are complete. */
  function goTo(target: number): void {
    if (target < step.value) step.value = target
    else {
      for (let i = step.value; i < target; i++) if (!stepValid(i)) return void (step.value = i)
      step.value = target
    }
  }

  /** Creates the topic; returns its name, or null when the server refused (errors are set). */
  async function submit(): Promise<string | null> {
    nameTouched.value = true
    if (!allValid.value) {
      step.value = stepFields.value.findIndex((_, i) => !stepValid(i))
      return null
    }
    submitting.value = true
    generalError.value = null
    try {
      await topics.create({
        name: plan.name,
        partitions: plan.partitions,
        replicationFactor: plan.replicationFactor,
        configs: configs.value
      })
      dialogs.createTopic = false
      return plan.name
    } catch (err) {
      const p = toProblem(err)
      const field = normalizeField(p.field)
      const target = stepForField(field)
      if (field && target < wizardSteps.length - 1) {
        serverErrors.value = { [field]: fieldMessage(err) }
        step.value = target
      } else {
        generalError.value = p.hint ? `${p.message}. ${p.hint}` : p.message
      }
      return null
    } finally {
      submitting.value = false
    }
  }

  return {
    step,
    plan,
    nameTouched,
    serverErrors,
    generalError,
    submitting,
    brokers,
    nameCheck,
    sizing,
    replication,
    disk,
    configs,
    command,
    advancedConfigs,
    setAdvanced,
    clearAdvanced,
    canAdvance,
    allValid,
    isLast,
    fieldError,
    stepValid,
    stepHasErrors,
    start,
    close,
    choosePurpose,
    next,
    back,
    goTo,
    submit
  }
})
