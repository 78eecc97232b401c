// The one line `logdeck serve` refuses a set of flags with (a UsageError), for flag tests.
import { parseServeArgs } from '../../src/server/cli-args'
import { UsageError } from '../../src/server/cli-errors'

export function serveRefusal(args: string[]): string {
  try {
    parseServeArgs(args)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    return err.message
  }
  throw new Error(`${args.join(' ')} was accepted`)
}
