import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          // As every entry point does: tfjs's "running TensorFlow.js in Node.js" greeting is not printed.
          setupFiles: ['test/support/quietTfjs.ts'],
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
          include: ['test/renderer/**/*.test.ts']
        }
      }
    ]
  }
})
