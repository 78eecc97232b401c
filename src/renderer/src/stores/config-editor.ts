// Editing one config of a list at a time, as the broker and group config panels do: which config,
// its draft value, whether a save is under way, and the last refusal, naming the config.
import { ref } from 'vue'
import { configFieldMessage } from './errors'

/** Configs to set, or (null) to remove, as the contract's alterConfigs methods take them. */
type ConfigChanges = Record<string, string | null>

export function configEditor(send: (configs: ConfigChanges) => Promise<void>) {
  const editing = ref<string | null>(null)
  const draft = ref('')
  const error = ref<string | null>(null)
  const saving = ref(false)

  function startEdit(c: { name: string; value: string | null }): void {
    editing.value = c.name
    draft.value = c.value ?? ''
    error.value = null
  }

  function cancelEdit(): void {
    editing.value = null
    draft.value = ''
    error.value = null
  }

  /** Sends the changes; false (with `error` set) when they are refused. */
  async function alter(configs: ConfigChanges): Promise<boolean> {
    saving.value = true
    error.value = null
    try {
      await send(configs)
      return true
    } catch (err) {
      error.value = configFieldMessage(err)
      return false
    } finally {
      saving.value = false
    }
  }

  /** Saves the value being edited; false (with `error` set) when it is refused. */
  async function save(): Promise<boolean> {
    const name = editing.value
    if (!name) return false
    const ok = await alter({ [name]: draft.value.trim() })
    if (ok) cancelEdit()
    return ok
  }

  return { editing, draft, error, saving, startEdit, cancelEdit, alter, save }
}
