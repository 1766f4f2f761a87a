import path from 'node:path'
import { defaultRunsDir } from '../../engine/engineHandlers'
import { importRun } from '../../engine/training/importRun'
import type { CliIo } from '../cliIo'
import { summary } from './trainOutput'

/** `cnn-workbench train --import DIR [--runs RUNS_DIR]`: a run trained elsewhere joins the runs folder. */
export async function runImport(
  source: string,
  runs: string | undefined,
  json: boolean,
  io: CliIo
): Promise<number> {
  const runsDir = path.resolve(runs ?? process.env.CNN_WORKBENCH_RUNS_DIR ?? defaultRunsDir())
  const { run, runDir, alreadyThere } = await importRun(source, runsDir)
  if (json) {
    io.stdout(JSON.stringify(run) + '\n')
    return 0
  }
  const how = alreadyThere ? 'is already in' : 'was imported into'
  io.stdout(`${summary(run)}\nThe run ${run.id} ${how} ${runsDir}: ${runDir}\n`)
  return 0
}
