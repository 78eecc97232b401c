// The regular expressions a consumer group's members subscribe to, resolved as Kafka 4's
// GroupMetadataManager resolves them: once for the group, every expression at once, against the
// topics that exist then, keeping the topics the principal of the member whose heartbeat asked
// for the resolution may DESCRIBE. Every member subscribed to an expression gets its topics.
// A heartbeat resolves them again when some expression has no resolution yet, a topic was
// created since the last one, or the last one is older than group.consumer.regex.refresh.interval.ms;
// never within 10 s of the last one.

/** Kafka's full-match semantics for a subscription's expression (JavaScript RegExp syntax). */
export function compileSubscription(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`)
}

export interface RegexRefreshSettings {
  /** group.consumer.regex.refresh.interval.ms: a resolution older than this is redone. */
  consumerRegexRefreshIntervalMs: number
  /** Kafka's REGEX_BATCH_REFRESH_MIN_INTERVAL_MS: no resolution sooner after the last one. */
  consumerRegexRefreshMinIntervalMs: number
}

export class RegexResolutions {
  /** Expression -> the topics it resolved to. */
  private readonly resolved = new Map<string, ReadonlySet<string>>()
  /** When the expressions were last resolved; -Infinity while none is. */
  private lastRefreshMs = -Infinity
  /** The topics that existed then: a topic created since asks for a new resolution. */
  private topicsSeen: ReadonlySet<string> = new Set()

  /** The topics an expression resolved to; none before its first resolution. */
  topics(regex: string): ReadonlySet<string> {
    return this.resolved.get(regex) ?? new Set()
  }

  /** Each expression with the topics it resolved to and when (they are resolved all at once). */
  resolutions(): [string, { topics: ReadonlySet<string>; timestamp: number }][] {
    return [...this.resolved]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([regex, topics]) => [regex, { topics, timestamp: this.lastRefreshMs }])
  }

  /**
   * On a member's heartbeat, with the expressions the group's members now subscribe to: drops
   * the resolutions of expressions no member subscribes to any more, and resolves them all again
   * with that member's rights when Kafka would.
   */
  maybeRefresh(
    subscribed: ReadonlySet<string>,
    topics: ReadonlyMap<string, number>,
    now: number,
    settings: RegexRefreshSettings,
    mayDescribe: ((topic: string) => boolean) | null,
    compile: (regex: string) => RegExp
  ): void {
    for (const regex of [...this.resolved.keys()])
      if (!subscribed.has(regex)) this.resolved.delete(regex)
    if (this.resolved.size === 0) this.lastRefreshMs = -Infinity
    if (subscribed.size === 0) return
    if (now <= this.lastRefreshMs + settings.consumerRegexRefreshMinIntervalMs) return
    const due =
      [...subscribed].some((r) => !this.resolved.has(r)) ||
      [...topics.keys()].some((t) => !this.topicsSeen.has(t)) ||
      now > this.lastRefreshMs + settings.consumerRegexRefreshIntervalMs
    if (!due) return
    for (const regex of subscribed) {
      const pattern = compile(regex)
      const matched = new Set<string>()
      for (const t of topics.keys())
        if (pattern.test(t) && (!mayDescribe || mayDescribe(t))) matched.add(t)
      this.resolved.set(regex, matched)
    }
    this.lastRefreshMs = now
    this.topicsSeen = new Set(topics.keys())
  }
}
