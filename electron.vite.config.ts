import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The engine runs in its own process, so it is a separate entry next to the shell; the command
        // line (and serve mode) is built with the app so that it starts without compiling TypeScript.
        input: {
          index: resolve('src/main/index.ts'),
          engine: resolve('src/main/engine/engineMain.ts'),
          trainingWorker: resolve('src/main/engine/training/trainingWorker.ts'),
          cli: resolve('src/main/cli/main.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load ES modules or node_modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src/renderer',
    build: {
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
        // zod places a comment where Rollup cannot read it as a /*@__PURE__*/ annotation; Rollup drops the
        // comment and the bundle is the same. Every other warning still shows.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return
          warn(warning)
        }
      }
    },
    plugins: [vue()]
  }
})
