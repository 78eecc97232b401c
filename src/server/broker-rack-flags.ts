// `--broker-rack`: each broker's broker.rack, which Kafka reads from each broker's own
// server.properties. Either one rack per broker in broker id order (`--broker-rack a,b,c`), or
// `ID=RACK` for some of them (repeatable, or comma-separated: `--broker-rack 0=a,2=b`).
import { checkBrokerConfig } from '../shared/kafka/broker-configs'
import { UsageError } from './cli-errors'

/** The racks in broker id order (null: none given), or undefined when the flag is not given. */
export function parseBrokerRackFlags(
  given: readonly string[],
  brokerIds: readonly number[]
): (string | null)[] | undefined {
  if (given.length === 0) return undefined
  const brokers = brokerIds.length
  const racks: (string | null)[] = Array.from({ length: brokers }, () => null)
  const checked = (rack: string, where: string) => {
    const check = checkBrokerConfig('broker.rack', rack)
    if (!check.ok) throw new UsageError(`--broker-rack ${where}: '${rack}' ${check.problem}`)
    return check.value
  }
  for (const value of given) {
    const items = value.split(',').map((s) => s.trim())
    if (!items.some((i) => i.includes('='))) {
      if (items.length !== brokers || given.length > 1)
        throw new UsageError(
          `--broker-rack ${value}: ${items.length} rack${items.length === 1 ? '' : 's'} for ${brokers} brokers; give one rack per broker (RACK0,RACK1,...) once, or ID=RACK for each broker to place`
        )
      return items.map((rack) => checked(rack, value))
    }
    for (const item of items) {
      const m = /^(\d+)=(.*)$/.exec(item)
      if (!m)
        throw new UsageError(`--broker-rack ${value}: '${item}' is not ID=RACK (e.g. 0=us-east-1a)`)
      const id = Number(m[1])
      const index = brokerIds.indexOf(id)
      if (index < 0)
        throw new UsageError(
          `--broker-rack ${value}: no broker ${id} (the brokers are ${brokerIds.join(', ')})`
        )
      if (racks[index] !== null)
        throw new UsageError(`--broker-rack ${value}: broker ${id} is given a rack twice`)
      racks[index] = checked(m[2], value)
    }
  }
  return racks
}
