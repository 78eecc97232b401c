// The console's views. Hash history, so that the same build works from app:// in Electron and from `logdeck serve`.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { IconName } from '../components/common/icons'

export interface NavItem {
  path: string
  name: string
  label: string
  key: string
  icon: IconName
}

export const navigation: readonly NavItem[] = [
  { path: '/', name: 'overview', label: 'Overview', key: '1', icon: 'overview' },
  { path: '/topics', name: 'topics', label: 'Topics', key: '2', icon: 'topics' },
  { path: '/messages', name: 'messages', label: 'Messages', key: '3', icon: 'messages' },
  { path: '/groups', name: 'groups', label: 'Consumer groups', key: '4', icon: 'groups' },
  {
    path: '/transactions',
    name: 'transactions',
    label: 'Transactions',
    key: '5',
    icon: 'transactions'
  },
  { path: '/schemas', name: 'schemas', label: 'Schemas', key: '0', icon: 'schemas' },
  {
    path: '/hot-partitions',
    name: 'hot-partitions',
    label: 'Hot partitions',
    key: '6',
    icon: 'hot'
  },
  { path: '/brokers', name: 'brokers', label: 'Brokers', key: '7', icon: 'brokers' },
  { path: '/faults', name: 'faults', label: 'Faults', key: '-', icon: 'faults' },
  {
    path: '/client-metrics',
    name: 'client-metrics',
    label: 'Client metrics',
    key: 'C',
    icon: 'activity'
  },
  {
    path: '/connections',
    name: 'connections',
    label: 'Connections',
    key: '8',
    icon: 'connections'
  },
  { path: '/security', name: 'security', label: 'Security', key: 'A', icon: 'security' },
  { path: '/settings', name: 'settings', label: 'Settings', key: '9', icon: 'settings' }
]

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: () => import('../views/OverviewView.vue') },
  { path: '/topics', name: 'topics', component: () => import('../views/TopicsView.vue') },
  {
    path: '/topics/:name',
    name: 'topic',
    component: () => import('../views/TopicDetailView.vue'),
    props: true
  },
  { path: '/messages', name: 'messages', component: () => import('../views/MessagesView.vue') },
  { path: '/groups', name: 'groups', component: () => import('../views/GroupsView.vue') },
  {
    path: '/groups/:groupId',
    name: 'group',
    component: () => import('../views/GroupDetailView.vue'),
    props: true
  },
  {
    path: '/transactions',
    name: 'transactions',
    component: () => import('../views/TransactionsView.vue')
  },
  { path: '/schemas', name: 'schemas', component: () => import('../views/SchemasView.vue') },
  {
    path: '/schemas/:subject',
    name: 'subject',
    component: () => import('../views/SubjectView.vue'),
    props: true
  },
  {
    path: '/hot-partitions',
    name: 'hot-partitions',
    component: () => import('../views/HotPartitionsView.vue')
  },
  { path: '/brokers', name: 'brokers', component: () => import('../views/BrokersView.vue') },
  { path: '/faults', name: 'faults', component: () => import('../views/FaultsView.vue') },
  {
    path: '/client-metrics',
    name: 'client-metrics',
    component: () => import('../views/ClientMetricsView.vue')
  },
  {
    path: '/connections',
    name: 'connections',
    component: () => import('../views/ConnectionsView.vue')
  },
  { path: '/security', name: 'security', component: () => import('../views/SecurityView.vue') },
  { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
  { path: '/:rest(.*)', redirect: '/' }
]

export const router = createRouter({ history: createWebHashHistory(), routes })

/** Where the message browser opens for a topic (and partition). */
export function messagesRoute(topic: string, partition?: number) {
  return {
    path: '/messages',
    query: { topic, ...(partition !== undefined ? { partition: String(partition) } : {}) }
  }
}

export function topicRoute(topic: string): string {
  return `/topics/${encodeURIComponent(topic)}`
}

/** A schema registry subject's page, optionally with a version to compare. */
export function subjectRoute(subject: string, version?: number): string {
  const path = `/schemas/${encodeURIComponent(subject)}`
  return version === undefined ? path : `${path}?version=${version}`
}

export function groupRoute(groupId: string): string {
  return `/groups/${encodeURIComponent(groupId)}`
}

export function hotPartitionsRoute(topic: string) {
  return { path: '/hot-partitions', query: { topic } }
}
