// The schema's numbered migrations, applied in order of their number. Each is applied once;
// the database records which by name, so that migrations added in parallel apply cleanly.
import m001 from './001-cluster'
import m002 from './002-log'
import m003 from './003-groups'
import m004 from './004-producers'
import m005 from './005-replicas'
import m006 from './006-transactions'
import m007 from './007-scram-credentials'
import m008 from './008-acls'
import m009 from './009-group-type'
import m010 from './010-reassignments'
import m011 from './011-client-quotas'
import m012 from './012-broker-configs'
import m013 from './013-client-metrics'
import m014 from './014-delegation-tokens'
import m015 from './015-group-configs'
import m016 from './016-offset-expire-timestamp'
import m017 from './017-share-partitions'
import m018 from './018-group-records'
import m019 from './019-transaction-version'

export interface Migration {
  /** e.g. '001-cluster': the file's name. */
  name: string
  sql: string
}

export const migrations: readonly Migration[] = [
  { name: '001-cluster', sql: m001 },
  { name: '002-log', sql: m002 },
  { name: '003-groups', sql: m003 },
  { name: '004-producers', sql: m004 },
  { name: '005-replicas', sql: m005 },
  { name: '006-transactions', sql: m006 },
  { name: '007-scram-credentials', sql: m007 },
  { name: '008-acls', sql: m008 },
  { name: '009-group-type', sql: m009 },
  { name: '010-reassignments', sql: m010 },
  { name: '011-client-quotas', sql: m011 },
  { name: '012-broker-configs', sql: m012 },
  { name: '013-client-metrics', sql: m013 },
  { name: '014-delegation-tokens', sql: m014 },
  { name: '015-group-configs', sql: m015 },
  { name: '016-offset-expire-timestamp', sql: m016 },
  { name: '017-share-partitions', sql: m017 },
  { name: '018-group-records', sql: m018 },
  { name: '019-transaction-version', sql: m019 }
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
