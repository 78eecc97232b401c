// The library's ESM entry: `import { startCluster } from 'logdeck'` (the build is CommonJS).
export { startCluster, ApiError } from '../out/main/library.js'
