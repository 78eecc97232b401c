// A broker's counts: request times kept for their percentiles as Kafka's histograms report them,
// connections counted open once and closed once, a deleted topic's counts gone.
import { describe, expect, it } from 'vitest'
import {
  BrokerStatsBook,
  REQUEST_TIMES,
  RequestTimes
} from '../../../src/engine/metrics/broker-stats'

describe('RequestTimes', () => {
  it('gives 0 before any request, then the percentiles of the kept times', () => {
    const times = new RequestTimes()
    expect(times.quantiles([0.5, 0.99])).toEqual([0, 0])
    // 1..100 ms, shuffled: the median is at position 0.5 * 101 = 50.5.
    for (let i = 0; i < 100; i++) times.record(((i * 37) % 100) + 1)
    expect(times.count).toBe(100)
    expect(times.quantiles([0.5, 0.75, 0.99, 0.999])).toEqual([50.5, 75.75, 99.99, 100])
  })

  it('keeps the latest 1028 times and counts them all', () => {
    const times = new RequestTimes()
    for (let i = 0; i < 1028; i++) times.record(1000)
    for (let i = 0; i < 1028; i++) times.record(2)
    expect(times.count).toBe(2056)
    expect(times.quantiles([0.5, 0.999])).toEqual([2, 2])
  })
})

describe('BrokerStats', () => {
  it("splits a request's time as Kafka's RequestMetrics do", () => {
    const stats = new BrokerStatsBook().of(0)
    // Read at 100, handled from 103 (3 queued), answered at 160 after waiting 50 (7 local),
    // handed to the socket at 161 and sent at 165.
    stats.timed({ apiKey: 1, readAt: 100, startedAt: 103, waitedMs: 50, answeredAt: 160 }, 161, 165)
    const times = stats.requestTimes.get(1)!
    expect(REQUEST_TIMES.map((t) => [t, times[t].count, times[t].quantiles([0.5])[0]])).toEqual([
      ['TotalTimeMs', 1, 65],
      ['RequestQueueTimeMs', 1, 3],
      ['LocalTimeMs', 1, 7],
      ['RemoteTimeMs', 1, 50],
      ['ResponseQueueTimeMs', 1, 1],
      ['ResponseSendTimeMs', 1, 4]
    ])
  })

  it('counts a connection open until it closes, once', () => {
    const stats = new BrokerStatsBook().of(0)
    const close = stats.connected('PLAINTEXT')
    stats.connected('INTERNAL')
    close()
    close()
    expect(Object.fromEntries(stats.connections)).toEqual({
      PLAINTEXT: { open: 0, created: 1 },
      INTERNAL: { open: 1, created: 1 }
    })
  })

  it('adds each topic into the all-topics counts, and forgets a deleted topic', () => {
    const book = new BrokerStatsBook()
    const stats = book.of(1)
    stats.produceRequested('a')
    stats.appended('a', 10, 700)
    stats.produceRequested('b')
    stats.produceFailed('b')
    stats.fetched('a', 700, false)
    stats.fetched('a', 0, true)
    expect(stats.allTopics).toEqual({
      messagesIn: 10,
      bytesIn: 700,
      bytesOut: 700,
      totalProduceRequests: 2,
      failedProduceRequests: 1,
      totalFetchRequests: 2,
      failedFetchRequests: 1
    })
    book.forgetTopic('a')
    expect([...stats.topics.keys()]).toEqual(['b'])
    book.restarted(1)
    expect(book.of(1).allTopics.messagesIn).toBe(0)
  })
})
