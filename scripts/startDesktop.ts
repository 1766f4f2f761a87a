// `npm start`: the desktop app, or one sentence saying why it cannot start here (no stack trace).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sandboxFacts, sandboxProblem } from '../src/main/shell/linuxSandbox'
import {
  desktopUnavailableSentence,
  electronBinaryPath,
  missingBinaryReason,
  rememberedMissingReason
} from './electronBinary.mjs'
import { exitLike, runForwardingSignals } from './forwardSignals.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const binary = electronBinaryPath()
if (binary === null) {
  process.stderr.write(desktopUnavailableSentence(rememberedMissingReason() ?? missingBinaryReason()) + '\n')
  process.exit(1)
}
const problem = sandboxProblem(sandboxFacts(binary, args))
if (problem !== null) {
  process.stderr.write(problem + '\n')
  process.exit(1)
}
const viteCli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
// electron-vite builds out/ and starts Electron on it; --no-sandbox is its --noSandbox.
const viteArgs = ['preview', ...args.map((a) => (a === '--no-sandbox' ? '--noSandbox' : a))]
exitLike(await runForwardingSignals(process.execPath, [viteCli, ...viteArgs], { cwd: root }))
