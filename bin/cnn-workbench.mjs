#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the installed command and `npm run cli` are the same code.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../src/main/cli/main.ts', import.meta.url))
const tsx = import.meta.resolve('tsx')
const result = spawnSync(process.execPath, ['--import', tsx, cli, ...process.argv.slice(2)], {
  stdio: 'inherit'
})
process.exit(result.status ?? 1)
