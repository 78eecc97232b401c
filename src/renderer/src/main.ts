// Renderer entry: Vue, Pinia, the router and the app shell.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { installAriaFixes } from './lib/aria-fixes'
import './assets/base.css'

createApp(App).use(createPinia()).use(router).mount('#app')
installAriaFixes()
