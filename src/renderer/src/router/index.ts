// The console's views. Hash history so that the same build works from file:// in Electron.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export const navigation = [
  { path: '/', name: 'overview', label: 'Overview', key: '1' },
  { path: '/topics', name: 'topics', label: 'Topics', key: '2' },
  { path: '/messages', name: 'messages', label: 'Messages', key: '3' },
  { path: '/groups', name: 'groups', label: 'Consumer groups', key: '4' },
  { path: '/hot-partitions', name: 'hot-partitions', label: 'Hot partitions', key: '5' },
  { path: '/brokers', name: 'brokers', label: 'Brokers', key: '6' },
  { path: '/connections', name: 'connections', label: 'Connections', key: '7' },
  { path: '/settings', name: 'settings', label: 'Settings', key: '8' }
] as const

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
    path: '/hot-partitions',
    name: 'hot-partitions',
    component: () => import('../views/HotPartitionsView.vue')
  },
  { path: '/brokers', name: 'brokers', component: () => import('../views/BrokersView.vue') },
  {
    path: '/connections',
    name: 'connections',
    component: () => import('../views/ConnectionsView.vue')
  },
  { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
  { path: '/:rest(.*)', redirect: '/' }
]

export const router = createRouter({ history: createWebHashHistory(), routes })
