import type { CheckpointState } from './checkpoint'

export type Counts = Pick<CheckpointState, 'epochsCompleted' | 'step' | 'trainedImages' | 'trainingSeconds'>

/**
 * What a run has done so far. Checkpoints keep it, so a resumed run counts on from there and reports the
 * whole run's images per second.
 */
export class RunCounters implements Counts {
  epochsCompleted: number
  step: number
  trainedImages: number
  trainingSeconds: number

  constructor(start?: Counts) {
    this.epochsCompleted = start?.epochsCompleted ?? 0
    this.step = start?.step ?? 0
    this.trainedImages = start?.trainedImages ?? 0
    this.trainingSeconds = start?.trainingSeconds ?? 0
  }

  /** An epoch's training pass (validation is not training time). */
  addTraining(images: number, seconds: number): void {
    this.trainedImages += images
    this.trainingSeconds += seconds
  }

  get imagesPerSecond(): number | null {
    return this.trainingSeconds > 0 ? this.trainedImages / this.trainingSeconds : null
  }

  snapshot(): Counts {
    const { epochsCompleted, step, trainedImages, trainingSeconds } = this
    return { epochsCompleted, step, trainedImages, trainingSeconds }
  }
}
