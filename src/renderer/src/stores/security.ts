// Security: a cluster's SASL users, delegation tokens and ACLs (users.*, tokens.*, acls.*),
// whether its listeners ask for a login and whether its brokers enforce ACLs, and the forms that
// add them. Each area loads on its own: a Kafka cluster may refuse one (tokens on a connection
// without a login, say) and still show the others.
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import type { AclBinding, AclsList } from '../../../shared/api/acls'
import type { CreatedDelegationToken, TokensList, UsersList } from '../../../shared/api/users'
import { api } from '../api/client'
import { toClusterProblem, type Problem } from './errors'
import { useConnectionsStore } from './connections'

export interface AclDraft {
  principal: string
  resourceType: AclBinding['resourceType']
  resourceName: string
  patternType: AclBinding['patternType']
  operation: AclBinding['operation']
  permission: AclBinding['permission']
  host: string
}

const EMPTY_ACL: AclDraft = {
  principal: 'User:',
  resourceType: 'TOPIC',
  resourceName: '',
  patternType: 'LITERAL',
  operation: 'READ',
  permission: 'ALLOW',
  host: '*'
}

/** Whether an ACL mentions the text (principal, resource, operation, permission or host). */
export function aclMatchesText(a: AclBinding, text: string): boolean {
  const t = text.trim().toLowerCase()
  if (t === '') return true
  return [
    a.principal,
    a.resourceType,
    a.resourceName,
    a.patternType,
    a.operation,
    a.permission,
    a.host
  ]
    .join(' ')
    .toLowerCase()
    .includes(t)
}

export const useSecurityStore = defineStore('security', () => {
  const connections = useConnectionsStore()
  const users = shallowRef<UsersList | null>(null)
  const acls = shallowRef<AclsList | null>(null)
  const tokens = shallowRef<TokensList | null>(null)
  const loaded = ref(false)
  /** users.list's failure: without it the view cannot say what the listeners ask. */
  const problem = ref<Problem | null>(null)
  const aclsProblem = ref<Problem | null>(null)
  const tokensProblem = ref<Problem | null>(null)
  /**
   * The owner filter of the token list (DescribeDelegationToken's owners), for the connection it
   * was set on: another connection lists every token again.
   */
  const tokenFilter = shallowRef<{ connection: string; owners: string[] } | null>(null)
  const tokenOwners = computed(() =>
    tokenFilter.value?.connection === connections.currentId ? tokenFilter.value.owners : []
  )
  const filter = ref('')
  const userForm = reactive({ name: '', password: '' })
  const aclForm = reactive<AclDraft>({ ...EMPTY_ACL })

  const saslEnabled = computed(() => users.value?.saslEnabled ?? false)
  /**
   * What the listeners speak: `PLAINTEXT, SECURE (SASL_SSL)`, a listener named by its protocol
   * once, with the client certificates a TLS one requires or asks for.
   */
  const listenerProtocols = computed(() => {
    const listeners = users.value?.listeners
    if (!listeners?.length) return users.value?.securityProtocol ?? 'PLAINTEXT'
    return listeners
      .map((l) => {
        const details = [
          ...(l.name === l.securityProtocol ? [] : [l.securityProtocol]),
          ...(l.clientAuth && l.clientAuth !== 'none'
            ? [`client certificates ${l.clientAuth}`]
            : []),
          // Only what differs from Kafka's defaults (TLSv1.2,TLSv1.3 and the default suites).
          ...(l.tlsProtocols && l.tlsProtocols.join() !== 'TLSv1.2,TLSv1.3'
            ? [l.tlsProtocols.join(',')]
            : []),
          ...(l.cipherSuites ? [`cipher suites ${l.cipherSuites.join(',')}`] : [])
        ]
        return details.length > 0 ? `${l.name} (${details.join(', ')})` : l.name
      })
      .join(', ')
  })
  const authorizerEnabled = computed(() => acls.value?.authorizerEnabled ?? false)
  const visibleAcls = computed(() =>
    (acls.value?.acls ?? []).filter((a) => aclMatchesText(a, filter.value))
  )

  /**
   * A failure as the view shows it. A Kafka cluster's refusal (its ACLs, its owner rules) says
   * itself what Kafka asks for: the generic hint, about the console's own access token, is not
   * shown with it.
   */
  function problemOf(err: unknown): Problem {
    return toClusterProblem(err, connections.isExternal)
  }

  const listTokens = (owners: string[]) =>
    api.call('tokens.list', owners.length > 0 ? { owners } : {})

  async function load(): Promise<void> {
    const [u, a, t] = await Promise.allSettled([
      api.call('users.list', {}),
      api.call('acls.list', {}),
      listTokens(tokenOwners.value)
    ])
    users.value = u.status === 'fulfilled' ? u.value : null
    acls.value = a.status === 'fulfilled' ? a.value : null
    tokens.value = t.status === 'fulfilled' ? t.value : null
    problem.value = u.status === 'rejected' ? problemOf(u.reason) : null
    aclsProblem.value = a.status === 'rejected' ? problemOf(a.reason) : null
    tokensProblem.value = t.status === 'rejected' ? problemOf(t.reason) : null
    loaded.value = true
  }

  /** Adds the user of the form, or changes its password. Rejects on failure. */
  async function saveUser(): Promise<string> {
    const name = userForm.name.trim()
    await api.call('users.set', { name, password: userForm.password })
    userForm.password = ''
    await load()
    return name
  }

  async function deleteUser(name: string): Promise<void> {
    await api.call('users.delete', { name })
    await load()
  }

  /**
   * Lists only the tokens these principals own, requested or may renew (every token when none
   * is given). Rejects when the cluster refuses the filter (the error names the field), keeping
   * the list and filter shown before.
   */
  async function filterTokens(owners: string[]): Promise<void> {
    const listed = await listTokens(owners)
    tokens.value = listed
    tokensProblem.value = null
    tokenFilter.value = owners.length > 0 ? { connection: connections.currentId, owners } : null
  }

  /**
   * Expires a delegation token: at once (removed: clients can no longer log in with it) without a
   * period, else that many ms from now, never past its max time. Answers its expiry.
   */
  async function expireToken(
    tokenId: string,
    expiryTimePeriodMs?: number
  ): Promise<{ expiryTimestamp: number; removed: boolean }> {
    const out = await api.call('tokens.expire', {
      tokenId,
      ...(expiryTimePeriodMs !== undefined ? { expiryTimePeriodMs } : {})
    })
    await load()
    return out
  }

  /**
   * Creates a delegation token; the answer carries its HMAC, which no later call gives back.
   * Rejects on failure (the error names the field).
   */
  async function createToken(params: {
    owner?: string
    renewers: string[]
    maxLifetimeMs?: number
  }): Promise<CreatedDelegationToken> {
    const created = await api.call('tokens.create', params)
    await load()
    return created
  }

  /** Renews a delegation token by the brokers' expiry time; answers its new expiry. */
  async function renewToken(tokenId: string): Promise<number> {
    const { expiryTimestamp } = await api.call('tokens.renew', { tokenId })
    await load()
    return expiryTimestamp
  }

  /** Adds the ACL of the form. Rejects on failure (the error names the field). */
  async function addAcl(): Promise<AclBinding> {
    const { created } = await api.call('acls.create', {
      acls: [
        {
          ...aclForm,
          resourceName: aclForm.resourceName.trim(),
          principal: aclForm.principal.trim()
        }
      ]
    })
    aclForm.resourceName = ''
    await load()
    return created[0]
  }

  async function deleteAcl(a: AclBinding): Promise<void> {
    await api.call('acls.delete', { filter: { ...a } })
    await load()
  }

  return {
    users,
    acls,
    tokens,
    loaded,
    problem,
    aclsProblem,
    tokensProblem,
    tokenOwners,
    filter,
    userForm,
    aclForm,
    saslEnabled,
    listenerProtocols,
    authorizerEnabled,
    visibleAcls,
    load,
    problemOf,
    saveUser,
    deleteUser,
    filterTokens,
    expireToken,
    createToken,
    renewToken,
    addAcl,
    deleteAcl
  }
})
