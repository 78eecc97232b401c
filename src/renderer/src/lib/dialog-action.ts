// What a dialog's confirm button runs: busy while the call is in flight, and the problem it met
// (cleared when it runs again), for DialogShell's spinner and alert.
import { ref } from 'vue'
import { toProblem, type Problem } from '../stores/errors'

export function useDialogAction(problemOf: (err: unknown) => Problem = toProblem) {
  const busy = ref(false)
  const problem = ref<Problem | null>(null)
  /** Runs `action`; true when it succeeded, false when its problem is now shown. */
  async function run(action: () => Promise<void>): Promise<boolean> {
    busy.value = true
    problem.value = null
    try {
      await action()
      return true
    } catch (err) {
      problem.value = problemOf(err)
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, problem, run }
}
