#!/usr/bin/env node
// The `cnn-workbench` command. It runs the CLI built into out/ in this very process, so signals reach the
// command itself (serve stops its server and engine on SIGINT, SIGTERM and SIGHUP). In a checkout the build
// is refreshed first when the sources are newer; CNN_WORKBENCH_FROM_SOURCE=1 runs the TypeScript sources
// through tsx instead (development), in a child that every signal is passed on to. `train` on Linux starts
// once more with glibc's malloc settings and V8's young generation for training (scripts/mallocTunables.mjs,
// scripts/trainingHeap.mjs), which glibc and V8 only read when a process starts; that child ends when this
// process does, however it ends.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildIfStale } from '../scripts/build-if-stale.mjs'
import { exitLike, exitWithNpm, runForwardingSignals } from '../scripts/forwardSignals.mjs'
import { mallocTunablesMissing, withMallocTunables } from '../scripts/mallocTunables.mjs'
import { trainingFlagsMissing } from '../scripts/trainingHeap.mjs'

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
const source = fileURLToPath(new URL('../src/main/cli/main.ts', import.meta.url))
const args = process.argv.slice(2)
const training = args[0] === 'train'
const RELAUNCHED = 'CNN_WORKBENCH_RELAUNCHED'
exitWithNpm()

async function fromSource() {
  const tsx = import.meta.resolve('tsx')
  const env = training ? withMallocTunables(process.env) : process.env
  const heap = training ? trainingFlagsMissing() : []
  exitLike(await runForwardingSignals(process.execPath, [...heap, '--import', tsx, source, ...args], { env }))
}

/**
 * The child has a session of its own and signals are passed on to it, so a Ctrl+C reaches it once and stops
 * it gracefully (twice would quit at once). A parent killed outright (SIGKILL) closes the IPC channel, and
 * the child then takes a SIGTERM, so it never trains on orphaned.
 */
async function relaunchForTraining() {
  const result = await runForwardingSignals(
    process.execPath,
    [...process.execArgv, ...trainingFlagsMissing(), fileURLToPath(import.meta.url), ...args],
    {
      env: { ...withMallocTunables(process.env), [RELAUNCHED]: '1' },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      ownSession: true
    }
  )
  exitLike(result)
}

if (process.env[RELAUNCHED] === '1' && process.channel) {
  process.channel.unref()
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'))
}

// Only on Linux, where the malloc settings need the second start anyway: elsewhere the command trains as it was
// started, without the semi-spaces for training.
const setUpForTraining =
  process.platform !== 'linux' ||
  process.env[RELAUNCHED] === '1' ||
  (!mallocTunablesMissing() && trainingFlagsMissing().length === 0)
if (training && process.env.CNN_WORKBENCH_FROM_SOURCE !== '1' && !setUpForTraining) {
  await relaunchForTraining()
} else if (process.env.CNN_WORKBENCH_FROM_SOURCE === '1') {
  await fromSource()
} else {
  const code = await buildIfStale(undefined, { renderer: args[0] === 'serve' })
  if (code === -1 && existsSync(source)) {
    // No build tool (installed without devDependencies): the sources still run through tsx.
    await fromSource()
  } else if (code !== 0 && code !== -1) {
    process.stderr.write('The build failed; see the messages above.\n')
    process.exitCode = code
  } else {
    const { main } = await import(pathToFileURL(built).href)
    await main(args)
  }
}
