// Page: the Security view, its users, delegation tokens, ACLs and client quotas (selectors only).
import type { Locator, Page } from '@playwright/test'

export class SecurityPage {
  readonly users: Locator
  readonly tokensPanel: Locator
  readonly tokens: Locator
  readonly acls: Locator
  readonly authorizerState: Locator
  readonly off: Locator
  readonly userName: Locator
  readonly userPassword: Locator
  readonly userSave: Locator
  readonly aclPrincipal: Locator
  readonly aclResourceType: Locator
  readonly aclResourceName: Locator
  readonly aclOperation: Locator
  readonly aclAdd: Locator
  readonly aclFilter: Locator
  readonly aclCount: Locator
  readonly quotas: Locator
  readonly quotaName: Locator
  readonly quotaProducer: Locator
  readonly quotaRequest: Locator
  readonly quotaMutations: Locator
  readonly quotaConnections: Locator
  readonly quotaTarget: Locator
  readonly quotaSave: Locator

  constructor(readonly page: Page) {
    this.users = page.getByTestId('users-table')
    this.tokensPanel = page.getByTestId('tokens-panel')
    this.tokens = page.getByTestId('tokens-table')
    this.quotas = page.getByTestId('quotas-table')
    this.quotaName = page.getByTestId('quota-name').locator('input')
    this.quotaProducer = page.getByTestId('quota-producer').locator('input')
    this.quotaRequest = page.getByTestId('quota-request').locator('input')
    this.quotaMutations = page.getByTestId('quota-mutations').locator('input')
    this.quotaConnections = page.getByTestId('quota-connections').locator('input')
    this.quotaTarget = page.getByTestId('quota-target')
    this.quotaSave = page.getByTestId('quota-save')
    this.acls = page.getByTestId('acls-table')
    this.authorizerState = page.getByTestId('authorizer-state')
    this.off = page.getByTestId('security-off')
    this.userName = page.getByTestId('user-name').locator('input')
    this.userPassword = page.getByTestId('user-password').locator('input')
    this.userSave = page.getByTestId('user-save')
    this.aclPrincipal = page.getByTestId('acl-principal').locator('input')
    this.aclResourceType = page.getByTestId('acl-resource-type')
    this.aclResourceName = page.getByTestId('acl-resource-name').locator('input')
    this.aclOperation = page.getByTestId('acl-operation')
    this.aclAdd = page.getByTestId('acl-add')
    this.aclFilter = page.getByTestId('acl-filter').locator('input')
    this.aclCount = page.getByTestId('acl-count')
  }

  user(name: string): Locator {
    return this.users.locator(`tr[data-user="${name}"]`)
  }

  token(tokenId: string): Locator {
    return this.tokens.locator(`tr[data-token="${tokenId}"]`)
  }

  aclRows(principal: string): Locator {
    return this.acls.locator(`tr[data-principal="${principal}"]`)
  }
}
