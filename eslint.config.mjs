// Lint rules for Node code (engine, server, main), the Vue renderer and the tests, and the
// layers of DESIGN.md: which folder may import which.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'

const UI_PACKAGES = ['electron', 'vue', 'pinia', 'naive-ui', 'echarts', 'vue-echarts']

/** A package the layer may not import, with the reason. */
const noPackages = (names, why) => ({
  paths: names.map((name) => ({ name, message: why })),
  patterns: names.map((name) => ({ group: [`${name}/*`], message: why }))
})

/** Folders of src/ a layer may not import from. */
const zone = (target, from, why) => ({ target, from, message: why })

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.vue', '.mjs', '.cjs', '.js', '.json', '.node'] })
      ]
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/engine',
              ['./src/main', './src/preload', './src/renderer', './src/server'],
              'the engine is plain Node: it serves the contract in src/shared and imports no other layer'
            ),
            zone(
              './src/shared',
              ['./src/engine', './src/main', './src/preload', './src/renderer', './src/server'],
              'src/shared is the contract every layer imports; it imports none of them'
            ),
            zone(
              './src/renderer',
              ['./src/engine', './src/main', './src/preload', './src/server'],
              'the renderer reaches the engine only through the contract (src/shared) and its api client'
            ),
            zone(
              './src/preload',
              ['./src/engine', './src/main', './src/renderer', './src/server'],
              'the preload bridges the contract (src/shared) and nothing else'
            ),
            zone(
              './src/main',
              ['./src/preload', './src/renderer', './src/server'],
              'the Electron main process starts the engine and serves the contract; the HTTP server is another process'
            ),
            zone(
              './src/server',
              ['./src/main', './src/preload', './src/renderer'],
              'the headless server serves the contract and the built renderer, not its sources'
            )
          ]
        }
      ]
    }
  },
  {
    files: ['src/engine/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        noPackages(UI_PACKAGES, 'the engine and the contract run in plain Node, without a UI')
      ]
    }
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        noPackages(
          ['electron', 'better-sqlite3', 'kafkajs', 'ws'],
          'the renderer runs in a sandboxed browser page and talks to the engine through the contract'
        )
      ]
    }
  },
  {
    // The contract's error is made at its two edges only; the rest of the engine throws
    // EngineError, and the renderer holds the code it was answered with (CallError).
    files: ['src/**'],
    ignores: ['src/engine/service/**', 'src/server/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='ApiError']",
          message:
            'ApiError is made only in src/engine/service and src/server: throw EngineError with a reason in the engine'
        }
      ]
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
)
