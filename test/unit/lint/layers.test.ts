// The lint step refuses an import that crosses the layers of DESIGN.md.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

const root = resolve(__dirname, '../../..')
const eslint = new ESLint({ cwd: root })

/** The rules a file at `path` holding `code` breaks. */
async function brokenRules(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) })
  return result.messages.map((m) => m.ruleId ?? m.message)
}

const use = (names: string) => `\nexport const used = [${names}]\n`

describe('layers', () => {
  it('the engine imports neither the UI nor the other processes', async () => {
    const code =
      "import { formatBytes } from '../../renderer/src/lib/format'\n" +
      "import { serveStatic } from '../../server/static-files'\n" +
      "import { app } from 'electron'\n" +
      "import { ref } from 'vue'\n" +
      "import { defineStore } from 'pinia'\n" +
      "import { NButton } from 'naive-ui'" +
      use('formatBytes, serveStatic, app, ref, defineStore, NButton')
    const broken = await brokenRules('src/engine/log/layer-probe.ts', code)
    expect(broken.filter((r) => r === 'import-x/no-restricted-paths')).toHaveLength(2)
    expect(broken.filter((r) => r === 'no-restricted-imports')).toHaveLength(4)
  })

  it('the renderer reaches the engine only through the contract', async () => {
    const code =
      "import { Engine } from '../../../engine/engine'\n" +
      "import { startServer } from '../../../server/serve'\n" +
      "import { ipcRenderer } from 'electron'\n" +
      "import { paramSchemas } from '../../../shared/schemas'" +
      use('Engine, startServer, ipcRenderer, paramSchemas')
    const broken = await brokenRules('src/renderer/src/lib/layer-probe.ts', code)
    expect(broken.filter((r) => r === 'import-x/no-restricted-paths')).toHaveLength(2)
    expect(broken.filter((r) => r === 'no-restricted-imports')).toHaveLength(1)
  })

  it('the Electron main process does not reach into the HTTP server', async () => {
    const code =
      "import { serveStatic } from '../server/static-files'\n" +
      "import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'" +
      use('serveStatic, CONTENT_SECURITY_POLICY')
    const broken = await brokenRules('src/main/layer-probe.ts', code)
    expect(broken).toEqual(['import-x/no-restricted-paths'])
  })

  it("the contract's error is made only in the service and the server", async () => {
    const code =
      "import { ApiError } from '../../shared/errors'\n" +
      "export const fail = () => { throw new ApiError('NOT_FOUND', 'no such topic') }\n"
    expect(await brokenRules('src/engine/log/layer-probe.ts', code)).toEqual([
      'no-restricted-syntax'
    ])
    expect(await brokenRules('src/main/layer-probe.ts', code.replace('../../', '../'))).toEqual([
      'no-restricted-syntax'
    ])
    expect(await brokenRules('src/engine/service/layer-probe.ts', code)).toEqual([])
  })

  it('imports within a layer and of the contract pass', async () => {
    const code =
      "import { ApiError } from '../../shared/errors'\n" +
      "import { collisionKey } from '../../shared/kafka/topic-names'\n" +
      "import { validateTopicName } from './topic-names'" +
      use('ApiError, collisionKey, validateTopicName')
    expect(await brokenRules('src/engine/log/layer-probe.ts', code)).toEqual([])
  })
})
