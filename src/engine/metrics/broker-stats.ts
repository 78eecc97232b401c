// What each broker has counted since it started, as Kafka's brokers count it in their JMX meters:
// BrokerTopicMetrics per topic and over all topics, requests per API and version and the time
// each took, ISR shrinks and expands, unclean elections (on the controller) and client
// connections per listener. Each count is one addition on the request path, made per request or
// per partition of a request, never per record. A broker that starts again counts from zero, as
// a restarted JVM does.

/** Kafka's BrokerTopicMetrics meters, for one topic or for all of them. */
export interface TopicTraffic {
  /** Records appended as leader (MessagesInPerSec). */
  messagesIn: number
  /** Bytes of the record batches appended as leader (BytesInPerSec). */
  bytesIn: number
  /** Record bytes answered to consumers' fetches (BytesOutPerSec). */
  bytesOut: number
  /** Partitions asked for in Produce requests (TotalProduceRequestsPerSec). */
  totalProduceRequests: number
  /** Of those, the ones whose append failed for other reasons than a leader change. */
  failedProduceRequests: number
  /** Partitions read by Fetch requests (TotalFetchRequestsPerSec). */
  totalFetchRequests: number
  /** Of those, the ones whose read failed for other reasons than a leader change or range. */
  failedFetchRequests: number
}

const newTraffic = (): TopicTraffic => ({
  messagesIn: 0,
  bytesIn: 0,
  bytesOut: 0,
  totalProduceRequests: 0,
  failedProduceRequests: 0,
  totalFetchRequests: 0,
  failedFetchRequests: 0
})

/** Kafka's histograms keep a sample of 1028 values; these keep the latest 1028 times. */
const RESERVOIR_SIZE = 1028

/** The times requests of one API took, for their count and percentiles (TotalTimeMs). */
export class RequestTimes {
  private readonly samples = new Float64Array(RESERVOIR_SIZE)
  /** Requests timed since the broker started. */
  count = 0

  record(ms: number): void {
    this.samples[this.count % RESERVOIR_SIZE] = ms
    this.count++
  }

  /** The value below which `q` (0..1) of the kept times fall (0 when none was timed). */
  quantiles(qs: readonly number[]): number[] {
    const kept = Math.min(this.count, RESERVOIR_SIZE)
    if (kept === 0) return qs.map(() => 0)
    const sorted = this.samples.slice(0, kept).sort()
    // As Kafka's (Dropwizard's) snapshot takes a quantile: the value at position q * (n + 1).
    return qs.map((q) => {
      const pos = q * (kept + 1)
      if (pos < 1) return sorted[0]
      if (pos >= kept) return sorted[kept - 1]
      const lower = sorted[Math.floor(pos) - 1]
      return lower + (pos - Math.floor(pos)) * (sorted[Math.floor(pos)] - lower)
    })
  }
}

/** The parts of a request's time, as Kafka's RequestMetrics histograms name them. */
export const REQUEST_TIMES = [
  'TotalTimeMs',
  'RequestQueueTimeMs',
  'LocalTimeMs',
  'RemoteTimeMs',
  'ResponseQueueTimeMs',
  'ResponseSendTimeMs'
] as const
export type RequestTime = (typeof REQUEST_TIMES)[number]

/** When a request reached each step (performance.now() ms), kept by its connection. */
export interface RequestTiming {
  /** Its API once decoded; -1 before (or a request that was not one: it is not timed). */
  apiKey: number
  /** Read whole. */
  readAt: number
  /** Its handling began, the connection's earlier requests answered. */
  startedAt: number
  /** Of the time until its answer was made, what it spent waiting (a long poll, acks=all). */
  waitedMs: number
  /** Its answer made. */
  answeredAt: number
}

/** A listener's client connections on one broker. */
export interface ListenerConnections {
  /** Open now (socket-server-metrics connection-count). */
  open: number
  /** Accepted since the broker started (connection-creation-total). */
  created: number
}

export class BrokerStats {
  readonly allTopics = newTraffic()
  readonly topics = new Map<string, TopicTraffic>()
  /** Requests by API key, then by version (RequestsPerSec). */
  readonly requests = new Map<number, number[]>()
  /** Request times by API key, each part of them apart (Kafka's RequestMetrics histograms). */
  readonly requestTimes = new Map<number, Record<RequestTime, RequestTimes>>()
  readonly connections = new Map<string, ListenerConnections>()
  /** ISR changes this broker made as leader (IsrShrinksPerSec, IsrExpandsPerSec). */
  isrShrinks = 0
  isrExpands = 0
  /** Unclean elections while this broker was the controller (UncleanLeaderElectionsPerSec). */
  uncleanLeaderElections = 0

  topic(name: string): TopicTraffic {
    let t = this.topics.get(name)
    if (!t) this.topics.set(name, (t = newTraffic()))
    return t
  }

  /** One partition of a Produce request for `topic`, before its append. */
  produceRequested(topic: string): void {
    this.topic(topic).totalProduceRequests++
    this.allTopics.totalProduceRequests++
  }

  /** A partition's batch appended as leader: its records and bytes. */
  appended(topic: string, records: number, bytes: number): void {
    const t = this.topic(topic)
    t.messagesIn += records
    t.bytesIn += bytes
    this.allTopics.messagesIn += records
    this.allTopics.bytesIn += bytes
  }

  produceFailed(topic: string): void {
    this.topic(topic).failedProduceRequests++
    this.allTopics.failedProduceRequests++
  }

  /** One partition of a consumer's Fetch read: the record bytes answered, whether it failed. */
  fetched(topic: string, bytes: number, failed: boolean): void {
    const t = this.topic(topic)
    t.totalFetchRequests++
    t.bytesOut += bytes
    this.allTopics.totalFetchRequests++
    this.allTopics.bytesOut += bytes
    if (failed) {
      t.failedFetchRequests++
      this.allTopics.failedFetchRequests++
    }
  }

  /** A request decoded: its API key and version. */
  requested(apiKey: number, apiVersion: number): void {
    let versions = this.requests.get(apiKey)
    if (!versions) this.requests.set(apiKey, (versions = []))
    versions[apiVersion] = (versions[apiVersion] ?? 0) + 1
  }

  /**
   * A request's answer handed to the socket at `writingAt` and sent at `sentAt` (both the time
   * its answer was made when it has none): each part of its time, as Kafka splits it.
   */
  timed(t: RequestTiming, writingAt: number, sentAt: number): void {
    let times = this.requestTimes.get(t.apiKey)
    if (!times) {
      const fresh = (): RequestTimes => new RequestTimes()
      times = {
        TotalTimeMs: fresh(),
        RequestQueueTimeMs: fresh(),
        LocalTimeMs: fresh(),
        RemoteTimeMs: fresh(),
        ResponseQueueTimeMs: fresh(),
        ResponseSendTimeMs: fresh()
      }
      this.requestTimes.set(t.apiKey, times)
    }
    const waited = Math.max(0, Math.min(t.waitedMs, t.answeredAt - t.startedAt))
    times.TotalTimeMs.record(sentAt - t.readAt)
    times.RequestQueueTimeMs.record(t.startedAt - t.readAt)
    times.LocalTimeMs.record(t.answeredAt - t.startedAt - waited)
    times.RemoteTimeMs.record(waited)
    times.ResponseQueueTimeMs.record(writingAt - t.answeredAt)
    times.ResponseSendTimeMs.record(sentAt - writingAt)
  }

  /** A connection accepted on `listener`; the returned function counts it closed (once). */
  connected(listener: string): () => void {
    let c = this.connections.get(listener)
    if (!c) this.connections.set(listener, (c = { open: 0, created: 0 }))
    const counts = c
    counts.open++
    counts.created++
    let done = false
    return () => {
      if (done) return
      done = true
      counts.open--
    }
  }
}

/** Every broker's counts; a broker's start gives it fresh ones. */
export class BrokerStatsBook {
  private readonly brokers = new Map<number, BrokerStats>()

  of(brokerId: number): BrokerStats {
    let s = this.brokers.get(brokerId)
    if (!s) this.brokers.set(brokerId, (s = new BrokerStats()))
    return s
  }

  /** A deleted topic's counts go, as Kafka removes its BrokerTopicMetrics. */
  forgetTopic(name: string): void {
    for (const s of this.brokers.values()) s.topics.delete(name)
  }

  /** The broker started (again): its counts begin at zero. */
  restarted(brokerId: number): void {
    this.brokers.set(brokerId, new BrokerStats())
  }
}
