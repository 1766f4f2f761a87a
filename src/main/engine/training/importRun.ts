import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE } from '../../../shared/export/exportManifest'
import type { RunJson } from '../../../shared/training'
import { loadRunModel } from '../export/runModel'
import { writeFolderAtomic } from './checkpointFiles'
import { MODEL_DIR } from './modelFiles'
import {
  EVALUATION_FILE,
  METRICS_FILE,
  readEvaluation,
  readMetrics,
  readRunJson,
  RUN_FILE
} from './runFolder'
import { WorkbenchError } from '../../../shared/workbenchError'

/*
 * A run trained elsewhere (a PyTorch training project after `python train.py` or `torchrun`, or a run
 * folder copied from another machine) taken into a runs folder, where the Train room lists it beside the
 * local runs and Evaluate, Export and Predict find it. Everything is checked before anything is written:
 * run.json must describe a finished run, its model/ must load into its network, and evaluation.json (when
 * there is one) must parse. Only the run's own files are copied, never the project's data or checkpoints.
 */

export interface ImportedRun {
  run: RunJson
  runDir: string
  /** The run was already in the runs folder: nothing was copied. */
  alreadyThere: boolean
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}

/** A free folder name in `runsDir` for the run: its id, or its id with -2, -3… when that is taken. */
async function freeId(runsDir: string, id: string): Promise<string> {
  const taken = new Set(await readdir(runsDir).catch(() => [] as string[]))
  if (!taken.has(id)) return id
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`
}

/** Refuses, with a sentence, a folder that is not a finished run with a usable model. */
async function checkRun(dir: string): Promise<RunJson> {
  if (!(await exists(path.join(dir, RUN_FILE)))) {
    const project = await exists(path.join(dir, 'train.py'))
    throw new WorkbenchError(
      'bad-input',
      project
        ? `${dir} is a training project that has not been trained yet (it has no ${RUN_FILE}); run python train.py (or torchrun) in it first.`
        : `${dir} is not a run folder: it has no ${RUN_FILE}.`
    )
  }
  const run = await readRunJson(dir)
  if (run.status === 'running' || run.status === 'paused') {
    throw new WorkbenchError(
      'bad-input',
      `${dir} is still training (process ${run.pid}); import it when training has ended.`
    )
  }
  // Loads the weights into the run's network: a layout or shape mistake is refused here, not found later.
  const { model } = await loadRunModel(dir)
  model.dispose()
  await readEvaluation(dir).catch((error: unknown) => {
    throw new Error(`${path.join(dir, EVALUATION_FILE)} is not a valid evaluation (${String(error)}).`)
  })
  return run
}

/** Copies the run folder `source` into `runsDir` (atomically, under a free name) after checking it. */
export async function importRun(source: string, runsDir: string): Promise<ImportedRun> {
  const dir = path.resolve(source)
  const run = await checkRun(dir)
  const parent = await realpath(path.dirname(dir)).catch(() => path.dirname(dir))
  if (parent === (await realpath(runsDir).catch(() => path.resolve(runsDir)))) {
    return { run, runDir: dir, alreadyThere: true }
  }
  const id = await freeId(runsDir, run.id)
  const imported: RunJson = { ...run, id, pid: null }
  const metrics = await readMetrics(dir)
  const files: Record<string, string | Uint8Array> = {
    [RUN_FILE]: JSON.stringify(imported, null, 2) + '\n',
    [METRICS_FILE]: metrics.map((line) => JSON.stringify(line) + '\n').join('')
  }
  for (const name of [EVALUATION_FILE, MANIFEST_FILE]) {
    const file = path.join(dir, name)
    if (await exists(file)) files[name] = await readFile(file)
  }
  for (const name of ['model.json', 'weights.bin'])
    files[`${MODEL_DIR}/${name}`] = await readFile(path.join(dir, MODEL_DIR, name))
  const runDir = path.join(runsDir, id)
  await writeFolderAtomic(runDir, files)
  return { run: imported, runDir, alreadyThere: false }
}
