// Replica placement as Kafka 4's controller does it (its striped replica placer, the only one a
// KRaft cluster has), racks or none: the brokers without a rack count as one more rack, named by
// no name, which sorts before every named rack (with no racks at all, every broker is in it).
// Each partition's replicas go round the racks from a starting rack that moves on by one for
// each partition (the "stripes"); within a rack, the brokers are taken in turn, running ones
// before stopped ones (Kafka's fenced brokers), and a leader is always a running broker.
// Starting points are random, except that new partitions of a topic carry on from where its
// existing ones left off.

export interface PlacementBroker {
  id: number
  rack: string | null
  running: boolean
}

/** A random whole number from 0 up to (not including) `bound`, as Java's Random.nextInt. */
export type RandomInt = (bound: number) => number

const mathRandomInt: RandomInt = (bound) => Math.floor(Math.random() * bound)

/** Java's Collections.shuffle over `list`, in place. */
function shuffle<T>(list: T[], random: RandomInt): void {
  for (let i = list.length; i > 1; i--) {
    const j = random(i)
    ;[list[i - 1], list[j]] = [list[j], list[i - 1]]
  }
}

/**
 * Brokers taken in turn: within one round (an epoch: one partition) each at most once, from
 * an offset that moves on by one each new round.
 */
class Turns {
  private taken = 0
  private offset = 0
  private round = 0

  constructor(readonly ids: number[]) {
    ids.sort((a, b) => a - b)
  }

  /** A random first offset, or the one after `previous` (the index of the last one used). */
  start(random: RandomInt, previous?: number): void {
    if (this.ids.length === 0) return
    this.offset =
      previous === undefined ? random(this.ids.length) : (previous + 1) % this.ids.length
  }

  /** The next broker of `round`, or null when each has been taken in it. */
  take(round: number): number | null {
    const n = this.ids.length
    if (n === 0) return null
    if (round !== this.round) {
      this.round = round
      this.taken = 0
      this.offset = (this.offset + 1) % n
    }
    if (this.taken >= n) return null
    return this.ids[(this.taken++ + this.offset) % n]
  }

  shuffle(random: RandomInt): void {
    shuffle(this.ids, random)
  }
}

interface Rack {
  running: Turns
  stopped: Turns
}

/** null (no rack) first, then the names in Java's String order (UTF-16 code units). */
function compareRacks(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Where the last of `existing` put a replica in `rack`: that broker's index among the rack's
 * running brokers (nothing when it is not one of them, or no replica is in the rack).
 */
function previousInRack(
  existing: readonly (readonly number[])[],
  rackOf: ReadonlyMap<number, string | null>,
  rack: string | null,
  running: readonly number[]
): number | undefined {
  for (let p = existing.length - 1; p >= 0; p--)
    for (const id of existing[p])
      if (rackOf.has(id) && rackOf.get(id) === rack) {
        const index = running.indexOf(id)
        return index < 0 ? undefined : index
      }
  return undefined
}

/**
 * The replicas of `partitions` new partitions, `replicationFactor` each, after the topic's
 * `existing` replica lists (CreatePartitions). Callers check that the replication factor is at
 * most the number of brokers and that one of them runs.
 */
export function placeStriped(
  brokers: readonly PlacementBroker[],
  partitions: number,
  replicationFactor: number,
  existing: readonly (readonly number[])[] = [],
  random: RandomInt = mathRandomInt
): number[][] {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack]))
  const names = [...new Set(brokers.map((b) => b.rack))].sort(compareRacks)
  const racks = new Map<string | null, Rack>(
    names.map((name) => {
      const of = (running: boolean) =>
        brokers.filter((b) => b.rack === name && b.running === running).map((b) => b.id)
      return [name, { running: new Turns(of(true)), stopped: new Turns(of(false)) }]
    })
  )
  for (const [name, rack] of racks) {
    rack.stopped.start(random)
    rack.running.start(random, previousInRack(existing, rackOf, name, rack.running.ids))
  }
  const lastLeader = existing.at(-1)?.[0]
  const previousRack =
    lastLeader !== undefined && rackOf.has(lastLeader)
      ? names.indexOf(rackOf.get(lastLeader) ?? null)
      : -1
  let offset = previousRack >= 0 ? (previousRack + 1) % names.length : random(names.length)
  const runningCount = brokers.filter((b) => b.running).length
  let round = 0
  const rackAt = (i: number) => racks.get(names[i])!
  const out: number[][] = []
  for (let p = 0; p < partitions; p++) {
    // Once every running broker has led a partition, the order of racks and brokers changes,
    // so that the same layouts do not come round again.
    if (round === runningCount && runningCount > 1) {
      shuffle(names, random)
      for (const rack of racks.values()) {
        rack.stopped.shuffle(random)
        rack.running.shuffle(random)
      }
      round = 0
    }
    if (offset === names.length) offset = 0
    // The leader: the first running broker of the racks from the offset on.
    let leaderRack = offset
    let leader = rackAt(leaderRack).running.take(round)
    while (leader === null) {
      leaderRack = (leaderRack + 1) % names.length
      leader = rackAt(leaderRack).running.take(round)
    }
    const replicas = [leader]
    // The followers: the racks in turn from the offset, passing over the leader's rack once.
    let i = offset
    let pass: number | null = leaderRack
    while (replicas.length < replicationFactor) {
      let next: number | null = null
      while (next === null) {
        if (i === pass) pass = null
        else next = rackAt(i).running.take(round) ?? rackAt(i).stopped.take(round)
        i = (i + 1) % names.length
      }
      replicas.push(next)
    }
    out.push(replicas)
    round++
    offset++
  }
  return out
}
