import {
  learningRateAt,
  plannedEpochs,
  plannedSteps,
  type EpochFigures,
  type RunStatus,
  type TrainingProgress,
  type TrainingSettings
} from '../../../shared/training'
import { BatchMetricsLog } from './batchMetricsLog'
import { saveCheckpoint } from './checkpoint'
import { BestWeights } from './earlyStopping'
import { validateEpoch } from './epochValidation'
import { setLearningRate } from './optimizerFactory'
import { PeriodicEvaluator } from './periodicEvaluation'
import { ProgressClock } from './progressClock'
import { RunCounters } from './runCounters'
import { RunControl } from './runControl'
import { appendMetrics, writeRunJson } from './runFolder'
import { trainStep, type StepContext } from './trainStep'
import { epochOrder } from './trainingData'
import { TrainingEvents, type EventPart } from './trainingEvents'
import { TensorCountGuard } from './trainingMemory'
import type { TrainerOptions, TrainerOutcome } from './trainerTypes'

export type { TrainerOptions, TrainerOutcome, TrainerStart } from './trainerTypes'

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The last batch of an epoch may be short; a batch size above the split's size is one batch. */
const batchesPerEpoch = (settings: TrainingSettings, trainImages: number): number =>
  Math.ceil(trainImages / Math.min(settings.batchSize, trainImages))

/**
 * The training loop: one optimizer step per batch, validation and a checkpoint per epoch, for `epochs`
 * epochs or `steps` steps (then the last epoch may end part-way), with the periodic evaluation of
 * settings.evaluation after the steps it is due. pause(), resume() and stop() take effect between two
 * batches; the loop yields to the event loop after every batch.
 */
export class Trainer {
  private readonly control = new RunControl()
  private readonly tensors = new TensorCountGuard()
  private readonly clock: ProgressClock
  private readonly best: BestWeights
  private readonly done: RunCounters
  private readonly events: TrainingEvents
  /** Batches trained in the epoch under way: a pause keeps this position, and its events say so. */
  private batchesDone = 0
  private readonly periodic: PeriodicEvaluator | null

  constructor(private readonly opts: TrainerOptions) {
    const start = opts.start
    const { settings } = opts.run
    const batches = batchesPerEpoch(settings, opts.data.splits.train.length)
    this.done = new RunCounters(start)
    this.clock = new ProgressClock(opts.progressIntervalMs ?? 100)
    this.events = new TrainingEvents(opts.run, this.clock, opts.onProgress, {
      epochs: plannedEpochs(settings, batches),
      steps: plannedSteps(settings, batches)
    })
    this.periodic = settings.evaluation
      ? new PeriodicEvaluator(settings.evaluation, opts.model, opts.data, opts.kind, settings.seed)
      : null
    this.best = new BestWeights(opts.model, opts.run.settings.earlyStopping.patience)
    if (start) this.best.restoreFrom(start.earlyStopping, start.bestWeights)
  }

  get state(): RunStatus {
    return this.events.status
  }

  pause(): void {
    this.control.pause()
  }

  resume(): void {
    this.control.resume()
  }

  stop(): void {
    this.control.stop()
  }

  /** Releases the early-stopping copy of the weights (the model and optimizer belong to the caller). */
  dispose(): void {
    this.best.dispose()
  }

  async run(): Promise<TrainerOutcome> {
    const { settings } = this.opts.run
    const train = this.opts.data.splits.train
    const batchSize = Math.min(settings.batchSize, train.length)
    const batches = batchesPerEpoch(settings, train.length)
    const epochs = plannedEpochs(settings, batches)
    const lastStep = plannedSteps(settings, batches)
    const metrics = new BatchMetricsLog(this.opts.runDir, this.opts.metricsEverySteps ?? 50)
    const stepContext: StepContext = {
      model: this.opts.model,
      optimizer: this.opts.optimizer,
      data: this.opts.data,
      kind: this.opts.kind,
      augment: settings.augment ? this.opts.augment : null,
      seed: settings.seed,
      weightDecay: settings.weightDecay
    }
    let last: EpochFigures | null = null
    let stoppedEarly = false
    await this.setStatus('running')
    for (let epoch = this.done.epochsCompleted; epoch < epochs && !this.control.stopping; epoch++) {
      const learningRate = learningRateAt({ ...settings, epochs }, epoch)
      setLearningRate(this.opts.optimizer, learningRate)
      const order = epochOrder(train, settings.seed, epoch)
      const started = performance.now()
      let lossSum = 0
      let correct = 0
      let seen = 0
      /** Time spent measuring (periodic evaluation), which is not training time. */
      let asideMs = 0
      this.clock.restartWindow()
      for (let batch = 0; batch < batches && this.done.step < lastStep; batch++) {
        this.batchesDone = batch
        await this.waitWhilePaused()
        if (this.control.stopping) break
        const indexes = order.subarray(batch * batchSize, Math.min(train.length, (batch + 1) * batchSize))
        const result = trainStep(stepContext, indexes, epoch)
        if (!Number.isFinite(result.loss)) {
          throw new Error(
            `The loss became ${result.loss} at step ${this.done.step + 1}; lower the learning rate (now ${learningRate}) or check the data.`
          )
        }
        this.done.step++
        lossSum += result.loss * indexes.length
        correct += result.correct
        seen += indexes.length
        await metrics.record(epoch + 1, this.done.step, result.loss, result.correct / indexes.length)
        const batchPart = {
          epoch: epoch + 1,
          batch: batch + 1,
          batchesPerEpoch: batches,
          batchLoss: result.loss,
          batchAccuracy: result.correct / indexes.length,
          epochEnd: null,
          learningRate
        }
        if (this.clock.tick(indexes.length)) {
          const imagesLeft =
            settings.steps === undefined
              ? (epochs - epoch) * train.length - seen
              : (lastStep - this.done.step) * batchSize
          this.events.emit(this.done.step, { ...batchPart, etaSeconds: this.clock.etaSeconds(imagesLeft) })
        }
        if (this.periodic?.isDue(this.done.step, lastStep)) {
          const measuring = performance.now()
          await this.measure(epoch + 1, batchPart)
          asideMs += performance.now() - measuring
          this.clock.restartWindow()
        }
        await nextTick()
      }
      await metrics.flush()
      // seen is 0 only when the run had already taken its `steps` (a resume of a finished run).
      if (this.control.stopping || seen === 0) break

      this.batchesDone = batches
      const seconds = (performance.now() - started - asideMs) / 1000
      this.done.addTraining(seen, seconds)
      const validation = settings.validateEachEpoch
        ? await validateEpoch(this.opts.model, this.opts.data, this.opts.kind, batchSize, {
            betweenBatches: async () => {
              await nextTick()
              await this.waitWhilePaused()
            },
            shouldStop: () => this.control.stopping
          })
        : { valLoss: null, valAccuracy: null }
      last = { trainLoss: lossSum / seen, trainAccuracy: correct / seen, ...validation }
      this.done.epochsCompleted = epoch + 1
      await appendMetrics(this.opts.runDir, [
        { kind: 'epoch', epoch: epoch + 1, step: this.done.step, ...last, learningRate, seconds }
      ])
      const patienceOut =
        settings.earlyStopping.enabled && last.valLoss !== null && this.best.update(epoch + 1, last.valLoss)
      await this.checkpoint()
      const leak = this.tensors.check(epoch + 1)
      if (leak) this.opts.run.warnings.push(leak)
      this.opts.run.epochsCompleted = this.done.epochsCompleted
      this.opts.run.step = this.done.step
      await this.writeRun()
      this.events.emit(this.done.step, {
        epoch: epoch + 1,
        batch: batches,
        batchesPerEpoch: batches,
        batchLoss: null,
        batchAccuracy: null,
        epochEnd: last,
        etaSeconds: this.clock.etaSeconds(
          settings.steps === undefined
            ? (epochs - epoch - 1) * train.length
            : (lastStep - this.done.step) * batchSize
        ),
        learningRate,
        ...(leak ? { message: leak } : {})
      })
      if (patienceOut) {
        stoppedEarly = true
        break
      }
    }
    const restored = settings.earlyStopping.enabled && !this.control.stopping && this.best.restore()
    return {
      status: this.control.stopping ? 'stopped' : 'completed',
      epochsCompleted: this.done.epochsCompleted,
      step: this.done.step,
      stoppedEarly,
      bestEpoch: restored ? this.best.state.bestEpoch : null,
      last,
      imagesPerSecond: this.done.imagesPerSecond
    }
  }

  /** The periodic evaluation after the current step: a metrics line and an event carrying its figures. */
  private async measure(epoch: number, part: Omit<EventPart, 'etaSeconds'>): Promise<void> {
    const figures = await this.periodic?.measure(this.done.step, {
      betweenBatches: async () => {
        await nextTick()
        await this.waitWhilePaused()
      },
      shouldStop: () => this.control.stopping
    })
    if (!figures) return
    await appendMetrics(this.opts.runDir, [{ kind: 'evaluation', epoch, ...figures }])
    this.events.emit(this.done.step, { ...part, etaSeconds: null, periodic: figures })
  }

  /** Progress of the final evaluation, in the same event stream as training. */
  reportEvaluation(evaluation: NonNullable<TrainingProgress['evaluation']>): void {
    this.events.evaluation(this.done.step, this.done.epochsCompleted, evaluation)
  }

  private async waitWhilePaused(): Promise<void> {
    if (!this.control.pausing) return
    await this.setStatus('paused')
    await this.control.whilePaused()
    if (!this.control.stopping) await this.setStatus('running')
    this.clock.restartWindow()
  }

  private async setStatus(status: RunStatus): Promise<void> {
    this.events.status = status
    this.opts.run.status = status
    await this.writeRun()
    const batches = batchesPerEpoch(this.opts.run.settings, this.opts.data.splits.train.length)
    this.events.stateChange(this.done.step, this.done.epochsCompleted, batches, this.batchesDone)
  }

  private async writeRun(): Promise<void> {
    this.opts.run.updatedAt = new Date().toISOString()
    await writeRunJson(this.opts.runDir, this.opts.run)
    this.opts.onRunChange?.(this.opts.run)
  }

  private async checkpoint(): Promise<void> {
    await saveCheckpoint(
      this.opts.runDir,
      {
        model: this.opts.model,
        optimizer: this.opts.optimizer,
        bestWeights: this.best.weights,
        state: {
          ...this.done.snapshot(),
          optimizer: this.opts.run.settings.optimizer,
          earlyStopping: this.best.state
        }
      },
      this.opts.keepCheckpoints ?? 2
    )
  }
}
