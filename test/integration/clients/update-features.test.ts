// Features with @platformatic/kafka: ApiVersions v3/v4 report the supported and finalized
// features (metadata.version, kraft.version, group.version, transaction.version, share.version)
// and their epoch;
// UpdateFeatures v0/v1 upgrades and downgrades them as Kafka's controller does (upgrade types,
// validate_only, INVALID_UPDATE_VERSION for unsupported levels, unknown features and downgrades
// without a downgrade type, all or nothing), kept across restarts; group.version 0 turns the
// consumer group protocol off; under ACLs it takes ALTER on the cluster.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiVersionsV3,
  apiVersionsV4,
  Connection,
  consumerGroupHeartbeatV0,
  describeQuorumV2,
  updateFeaturesV0,
  updateFeaturesV1
} from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'

type Update = { feature: string; maxVersionLevel: number; upgradeType: 1 | 2 | 3 }
type Response = Awaited<ReturnType<typeof updateFeaturesV1.api.async>>
const UPGRADE = 1
const SAFE_DOWNGRADE = 2
const UNSAFE_DOWNGRADE = 3

async function connect(cluster: TestCluster): Promise<Connection> {
  const connection = new Connection('it-features')
  const { host, port } = cluster.listeners[0]
  await connection.connect(host, port)
  return connection
}

/** An answer with errors in it is returned all the same. */
function update(
  connection: Connection,
  updates: Update[],
  validateOnly = false,
  api: typeof updateFeaturesV1 = updateFeaturesV1
): Promise<Response> {
  return api.api
    .async(connection, 60_000, updates, validateOnly)
    .catch((err: { response?: Response }) => {
      if (!err.response) throw err
      return err.response
    })
}

async function finalized(connection: Connection): Promise<Record<string, number>> {
  const r = await apiVersionsV4.api.async(connection, 'it', '1.0.0')
  return Object.fromEntries((r.finalizedFeatures ?? []).map((f) => [f.name, f.maxVersionLevel]))
}

describe('Features', () => {
  let cluster: TestCluster
  let connection: Connection

  beforeAll(async () => {
    cluster = await startTestCluster({ brokers: 3 })
    connection = await connect(cluster)
  })
  afterAll(async () => {
    await connection?.close()
    await cluster?.close()
  })

  it('reports the supported and finalized features in ApiVersions v4, with their epoch', async () => {
    const r = await apiVersionsV4.api.async(connection, 'it', '1.0.0')
    expect(r.apiKeys.find((k) => k.apiKey === 57)).toMatchObject({ minVersion: 0, maxVersion: 1 })
    expect(r.supportedFeatures).toEqual([
      { name: 'metadata.version', minVersion: 7, maxVersion: 25 },
      { name: 'kraft.version', minVersion: 0, maxVersion: 0 },
      { name: 'group.version', minVersion: 0, maxVersion: 1 },
      { name: 'transaction.version', minVersion: 0, maxVersion: 2 },
      { name: 'share.version', minVersion: 0, maxVersion: 1 }
    ])
    // Levels at 0 are not listed, as in Kafka; transaction version 2 as Kafka 4.0 starts a cluster.
    expect(r.finalizedFeatures).toEqual([
      { name: 'metadata.version', minVersionLevel: 25, maxVersionLevel: 25 },
      { name: 'group.version', minVersionLevel: 1, maxVersionLevel: 1 },
      { name: 'transaction.version', minVersionLevel: 2, maxVersionLevel: 2 },
      { name: 'share.version', minVersionLevel: 1, maxVersionLevel: 1 }
    ])
    // The epoch is the offset of the metadata log's latest record.
    const quorum = await describeQuorumV2.api.async(connection, [
      { topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }
    ])
    expect(r.finalizedFeaturesEpoch).toBe(quorum.topics[0].partitions[0].highWatermark - 1n)
  })

  it('leaves out features supported from level 0 below ApiVersions v4', async () => {
    const r = await apiVersionsV3.api.async(connection, 'it', '1.0.0')
    expect(r.supportedFeatures?.map((f) => f.name)).toEqual(['metadata.version'])
    expect(r.finalizedFeatures?.map((f) => f.name)).toEqual([
      'metadata.version',
      'group.version',
      'transaction.version',
      'share.version'
    ])
  })

  it('downgrades and upgrades, checking first with validate_only', async () => {
    const level = async () => (await finalized(connection))['transaction.version']
    const down: Update = {
      feature: 'transaction.version',
      maxVersionLevel: 1,
      upgradeType: SAFE_DOWNGRADE
    }
    const checked = await update(connection, [down], true)
    expect([checked.errorCode, checked.results]).toEqual([
      ErrorCode.NONE,
      [{ feature: 'transaction.version', errorCode: 0, errorMessage: null }]
    ])
    expect(await level()).toBe(2)

    // A downgrade needs a downgrade type.
    const refused = await update(connection, [{ ...down, upgradeType: UPGRADE }])
    expect(refused.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION)
    expect(refused.errorMessage).toBe(
      'The update failed for all features since the following feature had an error: ' +
        'Invalid update version 1 for feature transaction.version. ' +
        "Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade."
    )
    expect(refused.results).toEqual([])

    const epochBefore = (await apiVersionsV4.api.async(connection, 'it', '1.0.0'))
      .finalizedFeaturesEpoch
    expect((await update(connection, [down])).errorCode).toBe(ErrorCode.NONE)
    const after = await apiVersionsV4.api.async(connection, 'it', '1.0.0')
    expect(after.finalizedFeatures).toContainEqual({
      name: 'transaction.version',
      minVersionLevel: 1,
      maxVersionLevel: 1
    })
    expect(after.finalizedFeaturesEpoch).toBe(epochBefore! + 1n)
    expect((await update(connection, [{ ...down, maxVersionLevel: 0 }])).errorCode).toBe(
      ErrorCode.NONE
    )
    expect(await level()).toBeUndefined()

    // ...and a downgrade type is no way to upgrade.
    const upgrade: Update = {
      feature: 'transaction.version',
      maxVersionLevel: 2,
      upgradeType: UPGRADE
    }
    const upByDowngrade = await update(connection, [{ ...upgrade, upgradeType: UNSAFE_DOWNGRADE }])
    expect(upByDowngrade.errorMessage).toContain("Can't downgrade to a newer version.")
    expect((await update(connection, [upgrade])).errorCode).toBe(ErrorCode.NONE)
    expect(await level()).toBe(2)
  })

  it('refuses levels and features it does not support, all or nothing', async () => {
    const cases: [Update, string][] = [
      [
        { feature: 'transaction.version', maxVersionLevel: 3, upgradeType: UPGRADE },
        'Invalid update version 3 for feature transaction.version. Local controller 0 only supports versions 0-2'
      ],
      [
        { feature: 'kraft.version', maxVersionLevel: 1, upgradeType: UPGRADE },
        'Invalid update version 1 for feature kraft.version. Local controller 0 does not support this feature.'
      ],
      [
        { feature: 'no.such.feature', maxVersionLevel: 1, upgradeType: UPGRADE },
        'Invalid update version 1 for feature no.such.feature. Local controller 0 does not support this feature.'
      ],
      [
        { feature: 'metadata.version', maxVersionLevel: 24, upgradeType: SAFE_DOWNGRADE },
        'Invalid metadata.version 24. Refusing to perform the requested downgrade because it might delete metadata information.'
      ],
      [
        { feature: 'metadata.version', maxVersionLevel: 24, upgradeType: UNSAFE_DOWNGRADE },
        'Invalid metadata.version 24. Unsafe metadata downgrade is not supported in this version.'
      ]
    ]
    for (const [u, message] of cases) {
      const r = await update(connection, [u])
      expect([r.errorCode, r.errorMessage]).toEqual([
        ErrorCode.INVALID_UPDATE_VERSION,
        `The update failed for all features since the following feature had an error: ${message}`
      ])
    }
    // One refused update leaves the others undone too.
    const r = await update(connection, [
      { feature: 'transaction.version', maxVersionLevel: 1, upgradeType: SAFE_DOWNGRADE },
      { feature: 'kraft.version', maxVersionLevel: 1, upgradeType: UPGRADE }
    ])
    expect(r.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION)
    expect((await finalized(connection))['transaction.version']).toBe(2)
  })

  it('serves v0, whose allow_downgrade stands for a safe downgrade', async () => {
    const down = { feature: 'group.version', maxVersionLevel: 0 }
    const refused = await update(
      connection,
      [{ ...down, upgradeType: UPGRADE }],
      false,
      updateFeaturesV0
    )
    expect(refused.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION)
    const done = await update(
      connection,
      [{ ...down, upgradeType: SAFE_DOWNGRADE }],
      false,
      updateFeaturesV0
    )
    expect(done.errorCode).toBe(ErrorCode.NONE)
    expect((await finalized(connection))['group.version']).toBeUndefined()

    // group.version 0: the consumer group protocol is off.
    const heartbeat = await consumerGroupHeartbeatV0.api
      .async(connection, 'g', '', 0, null, null, 30_000, ['t'], null, null, [])
      .catch((err: { response?: { errorCode: number } }) => err.response)
    expect(heartbeat?.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION)

    const up = { feature: 'group.version', maxVersionLevel: 1, upgradeType: UPGRADE } as const
    expect((await update(connection, [up], false, updateFeaturesV0)).errorCode).toBe(ErrorCode.NONE)
    expect((await finalized(connection))['group.version']).toBe(1)
  })
})

describe('Features across restarts and under ACLs', () => {
  it('keeps the finalized levels across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'logdeck-features-'))
    try {
      let cluster = await startTestCluster({ brokers: 1, dataDir })
      let connection = await connect(cluster)
      await update(connection, [
        { feature: 'transaction.version', maxVersionLevel: 1, upgradeType: SAFE_DOWNGRADE },
        { feature: 'group.version', maxVersionLevel: 0, upgradeType: SAFE_DOWNGRADE },
        { feature: 'share.version', maxVersionLevel: 0, upgradeType: SAFE_DOWNGRADE }
      ])
      await connection.close()
      await cluster.close()
      cluster = await startTestCluster({ brokers: 1, dataDir })
      connection = await connect(cluster)
      const levels = await finalized(connection)
      await connection.close()
      await cluster.close()
      expect(levels).toEqual({ 'metadata.version': 25, 'transaction.version': 1 })
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('takes ALTER on the cluster', async () => {
    const cluster = await startTestCluster({ brokers: 1, authorizer: {} })
    const connection = await connect(cluster)
    const upgrade: Update = {
      feature: 'transaction.version',
      maxVersionLevel: 1,
      upgradeType: SAFE_DOWNGRADE
    }
    try {
      const refused = await update(connection, [upgrade])
      expect([refused.errorCode, refused.results]).toEqual([
        ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
        []
      ])
      await cluster.service.call('acls.create', {
        acls: [
          {
            resourceType: 'CLUSTER',
            resourceName: 'kafka-cluster',
            operation: 'ALTER',
            principal: 'User:ANONYMOUS',
            permission: 'ALLOW'
          }
        ]
      })
      expect((await update(connection, [upgrade])).errorCode).toBe(ErrorCode.NONE)
    } finally {
      await connection.close()
      await cluster.close()
    }
  })
})
