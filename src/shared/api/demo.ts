// Contract area: the demo data's clients (a producer and two consumer groups talking Kafka to
// the embedded cluster), what they are doing, and pausing a demo group so that its offsets can
// be reset.
import { z } from 'zod'

const demoGroupId = z.enum(['demo-fulfillment', 'demo-analytics'], {
  error: "must be one of the demo's groups: demo-fulfillment, demo-analytics"
})

export const demoParams = {
  /** Creates demo topics, a producer and a lagging consumer group that talk the Kafka protocol. */
  'demo.load': z.object({}).strict(),
  /** Whether the demo runs, and whether each of its clients is making progress. */
  'demo.status': z.object({}).strict(),
  /** The demo consumer leaves its group (which then has no members); its offsets stay. */
  'demo.pauseGroup': z.object({ groupId: demoGroupId }).strict(),
  /** The demo consumer joins its group again and goes on from the committed offsets. */
  'demo.resumeGroup': z.object({ groupId: demoGroupId }).strict()
} as const

/** What one demo client has done lately. */
export interface DemoClientStatus {
  /** When it last got records acknowledged (producer) or consumed some (consumers). */
  lastProgressAt: number | null
  /** Records acknowledged or consumed since the demo started. */
  records: number
  /** Making no progress while it has work, since then (the time of its last progress). */
  stalledSince: number | null
  lastError: string | null
}

export interface DemoStatus {
  loaded: boolean
  producer: (DemoClientStatus & { topics: string[] }) | null
  consumers: (DemoClientStatus & { groupId: string; topic: string; paused: boolean })[]
}

export interface DemoResults {
  'demo.load': { topics: string[]; groups: string[] }
  'demo.status': DemoStatus
  'demo.pauseGroup': DemoStatus
  'demo.resumeGroup': DemoStatus
}
