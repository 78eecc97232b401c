// The quota tests' cluster: a short quota window (11 samples of 100 ms) and a @platformatic/kafka
// admin on it, started by a test and closed after it.
import { afterEach } from 'vitest'
import { Admin } from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from './cluster'

export interface QuotaCluster {
  cluster: TestCluster
  admin: Admin
}

/** Closes, after each test, what the returned function started in it (the admin first). */
export function quotaClusterPerTest(): () => Promise<QuotaCluster> {
  let cluster: TestCluster | undefined
  let admin: Admin | undefined
  afterEach(async () => {
    await admin?.close()
    admin = undefined
    await cluster?.close()
    cluster = undefined
  })
  return async () => {
    cluster = await startTestCluster({ quotaWindow: { samples: 11, sampleMs: 100 } })
    admin = new Admin({ clientId: 'quota-admin', bootstrapBrokers: cluster.bootstrap.split(',') })
    return { cluster, admin }
  }
}
