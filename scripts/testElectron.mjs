// `npm run test:electron`: the Playwright _electron smoke test. Electron needs a display; where there is
// none (CI, a server) and xvfb-run exists, the test runs under it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { electronBinaryPath, missingBinaryReason, rememberedMissingReason } from './electronBinary.mjs'
import { exitLike, runForwardingSignals } from './forwardSignals.mjs'

const playwright = [
  'node_modules/@playwright/test/cli.js',
  'test',
  '-c',
  'test/electron/playwright.config.ts'
]
const headless = process.platform === 'linux' && !process.env.DISPLAY
const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim()
if (electronBinaryPath() === null) {
  const reason = rememberedMissingReason() ?? missingBinaryReason()
  console.log(`The desktop smoke test is skipped: ${reason}; the e2e tests cover the app in serve mode.`)
}
const [command, args] =
  headless && electronBinaryPath() !== null && existsSync(xvfb)
    ? [xvfb, ['-a', process.execPath, ...playwright]]
    : [process.execPath, playwright]
exitLike(await runForwardingSignals(command, [...args, ...process.argv.slice(2)]))
