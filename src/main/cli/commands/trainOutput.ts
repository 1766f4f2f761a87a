import { lectureTestAccuracy, type RunJson, type TrainingProgress } from '../../../shared/training'
import type { CliIo } from '../cliIo'

/**
 * What `cnn-workbench train` prints: a line per epoch and state change (an event between batches, without
 * batch figures; the batch line is redrawn in place on a terminal), JSON lines with --json, and a closing
 * summary.
 */

/** "step 3000: accuracy train 0.9650, test 0.9712 (2048 images each, dropout off)" */
function periodicLine(p: TrainingProgress): string {
  const f = p.periodic
  if (!f) return ''
  const test = f.testAccuracy === null ? '' : `, test ${f.testAccuracy.toFixed(4)}`
  const images =
    f.trainImages === f.testImages
      ? `${f.trainImages} images each`
      : `${f.trainImages} and ${f.testImages} images`
  return `step ${f.step}/${p.steps ?? '?'}: accuracy train ${f.trainAccuracy.toFixed(4)}${test} (${images}, dropout off)`
}

function progressLine(p: TrainingProgress): string {
  if (p.periodic) return periodicLine(p)
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
  const step = p.steps === undefined ? '' : ` step ${p.step}/${p.steps}`
  return `epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batchesPerEpoch}${step}: loss ${p.batchLoss?.toFixed(4)} acc ${p.batchAccuracy?.toFixed(3)} (${p.imagesPerSecond.toFixed(0)} img/s${eta})`
}

export function reporter(io: CliIo, json: boolean): (p: TrainingProgress) => void {
  return (p) => {
    if (json) io.stdout(JSON.stringify(p) + '\n')
    else if (p.evaluation) {
      const { split, done, total } = p.evaluation
      const line = `Evaluating the final weights on the ${split} split: ${done}/${total} images`
      if (io.interactive) io.stderr(`\r\x1b[K${line}${done === total ? '\n' : ''}`)
      else if (done === total) io.stdout(`${line}\n`)
    } else if (p.epochEnd || p.batchLoss === null || p.periodic)
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
  const lecture = lectureTestAccuracy(run)
  const reference = lecture !== null && f?.testAccuracy != null ? ` beside the lecture's ${lecture}` : ''
  const length =
    run.settings.steps === undefined
      ? `${run.epochsCompleted} epoch${run.epochsCompleted === 1 ? '' : 's'}`
      : `${run.step} of ${run.settings.steps} steps`
  return run.status === 'failed'
    ? `Training failed: ${run.error}`
    : `Training ${run.status} after ${length}${test}${reference}${speed} on ${run.backend?.name}.`
}
