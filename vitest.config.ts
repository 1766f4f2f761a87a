import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  test: {
    // Two files at a time: many wait on child processes, worker threads and files rather than on a core.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          // As every entry point does: tfjs's "running TensorFlow.js in Node.js" greeting is not printed.
          setupFiles: ['test/support/quietTfjs.ts', 'test/support/privateDataFolders.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks'
        }
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          setupFiles: ['test/support/privateDataFolders.ts'],
          // Store tests run the real engine inside the DOM environment, where its usual wasm backend would
          // fetch its binary from the page's address (nothing listens there): it computes on cpu instead.
          env: { CNN_WORKBENCH_BACKEND: 'cpu' }
        }
      }
    ]
  }
})
