import type { RunJson, TrainingProgress } from '../../../shared/training'
import type { CliIo } from '../cliIo'

/**
 * What `cnn-workbench train` prints: a line per epoch and state change (an event between batches, without
 * batch figures; the batch line is redrawn in place on a terminal), JSON lines with --json, and a closing
 * summary.
 */

function progressLine(p: TrainingProgress): string {
  const figures = p.epochEnd
  if (figures) {
    const val =
      figures.valAccuracy === null
        ? ''
        : `, val loss ${figures.valLoss?.toFixed(4)} acc ${figures.valAccuracy.toFixed(4)}`
    return `epoch ${p.epoch}/${p.epochs}: train loss ${figures.trainLoss.toFixed(4)} acc ${figures.trainAccuracy.toFixed(4)}${val} (${p.imagesPerSecond.toFixed(0)} img/s)`
  }
  if (p.batchLoss === null)
    return `${p.state} at epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batchesPerEpoch}`
  const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`
  return `epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batchesPerEpoch}: loss ${p.batchLoss?.toFixed(4)} acc ${p.batchAccuracy?.toFixed(3)} (${p.imagesPerSecond.toFixed(0)} img/s${eta})`
}

export function reporter(io: CliIo, json: boolean): (p: TrainingProgress) => void {
  return (p) => {
    if (json) io.stdout(JSON.stringify(p) + '\n')
    else if (p.evaluation) {
      const { split, done, total } = p.evaluation
      const line = `Evaluating the final weights on the ${split} split: ${done}/${total} images`
      if (io.interactive) io.stderr(`\r\x1b[K${line}${done === total ? '\n' : ''}`)
      else if (done === total) io.stdout(`${line}\n`)
    } else if (p.epochEnd || p.batchLoss === null)
      io.stdout(`${io.interactive ? '\r\x1b[K' : ''}${progressLine(p)}\n`)
    else if (io.interactive) io.stderr(`\r\x1b[K${progressLine(p)}`)
  }
}

export function summary(run: RunJson): string {
  const f = run.final
  const test =
    f?.testAccuracy == null
      ? ''
      : `, test accuracy ${f.testAccuracy.toFixed(4)} (loss ${f.testLoss?.toFixed(4)})`
  const speed = f?.imagesPerSecond == null ? '' : `, ${f.imagesPerSecond.toFixed(0)} training img/s`
  return run.status === 'failed'
    ? `Training failed: ${run.error}`
    : `Training ${run.status} after ${run.epochsCompleted} epoch${run.epochsCompleted === 1 ? '' : 's'}${test}${speed} on ${run.backend?.name}.`
}
