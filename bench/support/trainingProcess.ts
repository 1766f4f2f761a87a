import { exitLike, runForwardingSignals } from '../../scripts/forwardSignals.mjs'
import { mallocTunablesMissing, withMallocTunables } from '../../scripts/mallocTunables.mjs'
import { trainingFlagsMissing } from '../../scripts/trainingHeap.mjs'

/*
 * Imported first by the benchmarks that train in their own process. The app trains with glibc's malloc
 * settings and V8's young generation for training (scripts/mallocTunables.mjs, scripts/trainingHeap.mjs),
 * which are read only when a process starts, so such a benchmark starts once more with them: it then
 * measures the step the app takes.
 */
if (mallocTunablesMissing() || trainingFlagsMissing().length > 0) {
  const args = [...process.execArgv, ...trainingFlagsMissing(), ...process.argv.slice(1)]
  exitLike(await runForwardingSignals(process.execPath, args, { env: withMallocTunables(process.env) }))
  // exitLike has ended this process; nothing below the importing line may run here.
  await new Promise(() => {})
}
