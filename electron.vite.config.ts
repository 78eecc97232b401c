// Builds the Electron main process (plus the `logdeck` CLI, which shares its code), the
// sandboxed preload and the Vue renderer.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    build: {
      // zod is bundled: the contract's schemas take what they use of it, where requiring the
      // package resolves, reads and compiles 95 modules (every locale among them) at each start.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/server/cli.ts'),
          library: resolve(__dirname, 'src/server/library.ts'),
          'log-cleaner-worker': resolve(__dirname, 'src/engine/log/cleaner-worker.ts'),
          'message-scan-worker': resolve(__dirname, 'src/engine/messages/scan-worker.ts'),
          'demo-clients': resolve(__dirname, 'src/engine/demo/demo-clients.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src') } },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [vue()]
  }
})
