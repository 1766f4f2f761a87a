import { exitLike, runForwardingSignals } from '../../scripts/forwardSignals.mjs'
import { mallocTunablesMissing, withMallocTunables } from '../../scripts/mallocTunables.mjs'

/*
 * Imported first by the benchmarks that train in their own process. The app trains with glibc's malloc
 * settings for training (scripts/mallocTunables.mjs), which glibc reads only when a process starts, so such
 * a benchmark starts once more with them: it then measures the step the app takes.
 */
if (mallocTunablesMissing()) {
  const args = [...process.execArgv, ...process.argv.slice(1)]
  exitLike(await runForwardingSignals(process.execPath, args, { env: withMallocTunables(process.env) }))
  // exitLike has ended this process; nothing below the importing line may run here.
  await new Promise(() => {})
}
