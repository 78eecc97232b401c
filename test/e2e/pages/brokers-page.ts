// Selectors: brokers and replication (broker cards, replica map, timeline, loss report).
import type { Locator, Page } from '@playwright/test'

export class BrokersPage {
  readonly electPreferred: Locator
  readonly topicSelect: Locator
  /** The topic chosen for the replica map, as the dropdown shows it: "NAME (N under-replicated)". */
  readonly topicLabel: Locator
  readonly mapSummary: Locator
  readonly mapRows: Locator
  readonly timeline: Locator
  readonly timelineItems: Locator
  readonly lossReport: Locator
  readonly lossTotal: Locator
  readonly quorumSummary: Locator
  readonly featuresEpoch: Locator

  constructor(readonly page: Page) {
    this.electPreferred = page.getByTestId('elect-preferred')
    this.topicSelect = page.getByTestId('replica-topic')
    this.topicLabel = this.topicSelect.locator('.n-base-selection-label')
    this.mapSummary = page.getByTestId('map-summary')
    this.mapRows = page.getByTestId('replica-table').locator('tbody tr[data-partition]')
    this.timeline = page.getByTestId('timeline')
    this.timelineItems = this.timeline.getByTestId('timeline-item')
    this.lossReport = page.getByTestId('loss-report')
    this.lossTotal = page.getByTestId('loss-total')
    this.quorumSummary = page.getByTestId('quorum-summary')
    this.featuresEpoch = page.getByTestId('features-epoch')
  }

  /**
   * The under-replicated count of the replica map's summary and that of the topic dropdown's
   * label, read in one animation frame: waits, frame by frame, until the map counts `until` or
   * the two disagree, and returns what that frame showed.
   */
  async countsUntil(until: number): Promise<{ map: number; label: number }> {
    const handle = await this.page.waitForFunction(
      (until) => {
        // Runs in the page: its document, typed only as far as used here.
        const { document } = globalThis as unknown as {
          document: { querySelector(selector: string): { textContent: string | null } | null }
        }
        const summary = document.querySelector('[data-testid="map-summary"]')?.textContent
        const label = document.querySelector(
          '[data-testid="replica-topic"] .n-base-selection-label'
        )?.textContent
        if (summary == null || label == null) return null
        const map = Number(/(\d+) under-replicated/.exec(summary)?.[1] ?? NaN)
        const shown = Number(/\((\d+) under-replicated\)/.exec(label)?.[1] ?? 0)
        return map === until || map !== shown ? { map, label: shown } : null
      },
      until,
      { polling: 'raf', timeout: 30_000 }
    )
    return (await handle.jsonValue()) as { map: number; label: number }
  }

  broker(id: number): Locator {
    return this.page.getByTestId(`broker-${id}`)
  }

  /** A node's row in the metadata quorum panel. */
  quorumNode(id: number): Locator {
    return this.page.getByTestId(`quorum-node-${id}`)
  }

  /** A feature's row in the features panel, and its finalized level. */
  feature(name: string): Locator {
    return this.page.getByTestId(`feature-${name}`)
  }

  featureLevel(name: string): Locator {
    return this.feature(name).getByTestId('feature-level')
  }

  /** A broker's address on each listener (shown when the cluster has more than one). */
  brokerEndpoints(id: number): Locator {
    return this.broker(id).getByTestId('broker-endpoint')
  }

  /** The broker's broker.rack tag, absent when it has none. */
  brokerRack(id: number): Locator {
    return this.broker(id).getByTestId('broker-rack')
  }

  brokerStatus(id: number): Locator {
    return this.broker(id).getByTestId('broker-status')
  }

  replicationOf(id: number): Locator {
    return this.broker(id).getByTestId('broker-replication')
  }

  slowDown(id: number): Locator {
    return this.page.getByTestId(`broker-slow-${id}`)
  }

  slowForm(id: number): Locator {
    return this.page.getByTestId(`broker-slow-form-${id}`)
  }

  toggle(id: number): Locator {
    return this.page.getByTestId(`broker-toggle-${id}`)
  }

  mapRow(partition: number): Locator {
    return this.page.locator(
      `[data-testid="replica-table"] tbody tr[data-partition="${partition}"]`
    )
  }

  leader(partition: number): Locator {
    return this.mapRow(partition).getByTestId('partition-leader')
  }

  cell(partition: number, broker: number): Locator {
    return this.mapRow(partition).locator(`[data-testid="replica-cell"][data-broker="${broker}"]`)
  }

  /** Cells of one broker's column, over every partition. */
  column(broker: number): Locator {
    return this.page.locator(
      `[data-testid="replica-table"] [data-testid="replica-cell"][data-broker="${broker}"]`
    )
  }

  timelineOf(kind: string): Locator {
    return this.timeline.locator(`[data-testid="timeline-item"][data-kind="${kind}"]`)
  }
}
