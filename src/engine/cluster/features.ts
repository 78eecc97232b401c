// Finalized features (KIP-584, KIP-1022): the feature levels the cluster runs at, which
// ApiVersions v3+ reports and UpdateFeatures changes, checked as Kafka's controller checks them.
// Kept in the database.
//
// What the cluster supports, honestly: metadata.version 7-25 (3.3-IV3 to 4.0-IV3, finalized at
// 25; it changes nothing in what is served, and is never downgraded: Kafka refuses a downgrade
// that might lose metadata); kraft.version 0 (a static quorum: no voters are added or removed);
// group.version 0-1 (1 is the consumer group protocol of KIP-848; at 0 ConsumerGroupHeartbeat and
// ConsumerGroupDescribe answer UNSUPPORTED_VERSION); transaction.version 0-2 (1 writes the transaction
// log's flexible value version 1; 2 is KIP-890's second part: EndTxn 5 bumps the producer epoch of
// every transaction, Produce 12 and TxnOffsetCommit 5 add to the transaction themselves; finalized
// at 2 on a new cluster as Kafka 4.0's default metadata.version does, while clients sending the
// older versions keep transaction version 0's protocol); share.version 0-1 (1 serves share groups, KIP-932, as Kafka
// 4.2 starts a new cluster; at 0 the share group APIs answer UNSUPPORTED_VERSION unless
// group.coordinator.rebalance.protocols lists share).
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export interface SupportedFeature {
  name: string
  minVersion: number
  maxVersion: number
}

export const METADATA_VERSION = 'metadata.version'
export const TRANSACTION_VERSION = 'transaction.version'

export const SUPPORTED_FEATURES: readonly SupportedFeature[] = [
  { name: METADATA_VERSION, minVersion: 7, maxVersion: 25 },
  { name: 'kraft.version', minVersion: 0, maxVersion: 0 },
  { name: 'group.version', minVersion: 0, maxVersion: 1 },
  { name: 'transaction.version', minVersion: 0, maxVersion: 2 },
  { name: 'share.version', minVersion: 0, maxVersion: 1 }
]

/** The levels a new cluster starts at. */
const INITIAL_LEVELS: Readonly<Record<string, number>> = {
  [METADATA_VERSION]: 25,
  'kraft.version': 0,
  'group.version': 1,
  'transaction.version': 2,
  'share.version': 1
}

/** Kafka's UpgradeType: 1 upgrade only, 2 safe downgrade, 3 unsafe downgrade. */
export const UpgradeType = { UPGRADE: 1, SAFE_DOWNGRADE: 2, UNSAFE_DOWNGRADE: 3 } as const

export interface FeatureUpdate {
  feature: string
  level: number
  upgradeType: number
}

const KEY_PREFIX = 'feature.'

export class FinalizedFeatures {
  private readonly cq
  private readonly current: Record<string, number>

  constructor(
    db: Db,
    /** The active controller's id, named in refusals as Kafka's controller names itself. */
    private readonly controllerId: () => number,
    /** Called once per feature changed (each is a record of the metadata log). */
    private readonly changed: () => void
  ) {
    this.cq = clusterQueries(db)
    this.current = { ...INITIAL_LEVELS }
    for (const f of SUPPORTED_FEATURES) {
      const kept = this.cq.metaSelect.get(KEY_PREFIX + f.name)
      if (kept) this.current[f.name] = Number(kept.value)
    }
  }

  /** Every supported feature's finalized level (0: off). */
  levels(): Readonly<Record<string, number>> {
    return this.current
  }

  level(name: string): number {
    return this.current[name] ?? 0
  }

  /**
   * Applies every update or none: the first refused one throws EngineError
   * ('invalid-feature-update') with Kafka's message for it.
   */
  update(updates: readonly FeatureUpdate[], validateOnly: boolean): void {
    for (const u of updates) {
      const refusal = this.refusal(u)
      if (refusal !== null)
        throw new EngineError(
          'invalid-feature-update',
          u.feature === METADATA_VERSION && refusal.metadata
            ? `Invalid metadata.version ${u.level}. ${refusal.message}`
            : `Invalid update version ${u.level} for feature ${u.feature}. ${refusal.message}`,
          u.feature
        )
    }
    if (validateOnly) return
    for (const u of updates) {
      if (this.current[u.feature] === u.level) continue
      this.current[u.feature] = u.level
      this.cq.metaUpsert.run(KEY_PREFIX + u.feature, String(u.level))
      this.changed()
    }
  }

  private refusal(u: FeatureUpdate): { message: string; metadata?: boolean } | null {
    if (
      u.upgradeType !== UpgradeType.UPGRADE &&
      u.upgradeType !== UpgradeType.SAFE_DOWNGRADE &&
      u.upgradeType !== UpgradeType.UNSAFE_DOWNGRADE
    )
      return { message: 'The controller does not support the given upgrade type.' }
    if (u.level < 0) return { message: 'A feature version cannot be less than 0.' }
    const supported = SUPPORTED_FEATURES.find((f) => f.name === u.feature) ?? {
      minVersion: 0,
      maxVersion: 0
    }
    if (u.level < supported.minVersion || u.level > supported.maxVersion) {
      const who = `Local controller ${this.controllerId()}`
      return {
        message:
          supported.maxVersion === 0
            ? `${who} does not support this feature.`
            : `${who} only supports versions ${supported.minVersion}-${supported.maxVersion}`
      }
    }
    const current = this.level(u.feature)
    if (u.level < current && u.upgradeType === UpgradeType.UPGRADE)
      return {
        message:
          "Can't downgrade the version of this feature without setting the upgrade type to " +
          'either safe or unsafe downgrade.'
      }
    if (u.level > current && u.upgradeType !== UpgradeType.UPGRADE)
      return { message: "Can't downgrade to a newer version." }
    if (u.feature === METADATA_VERSION && u.level < current)
      return {
        metadata: true,
        message:
          u.upgradeType === UpgradeType.UNSAFE_DOWNGRADE
            ? 'Unsafe metadata downgrade is not supported in this version.'
            : 'Refusing to perform the requested downgrade because it might delete metadata information.'
      }
    if (!SUPPORTED_FEATURES.some((f) => f.name === u.feature))
      return { message: `Unknown feature ${u.feature}.` }
    return null
  }
}
