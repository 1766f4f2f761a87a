import * as tf from '@tensorflow/tfjs'

export interface EarlyStoppingState {
  bestValLoss: number | null
  bestEpoch: number | null
  epochsWithoutImprovement: number
}

/**
 * Remembers the weights of the epoch with the lowest validation loss. It holds one copy of every weight
 * from the first epoch on, so the tensor count stays flat across epochs.
 */
export class BestWeights {
  state: EarlyStoppingState = { bestValLoss: null, bestEpoch: null, epochsWithoutImprovement: 0 }
  private snapshot: tf.Tensor[] | null = null

  constructor(
    private readonly model: tf.LayersModel,
    private readonly patience: number
  ) {}

  restoreFrom(state: EarlyStoppingState, weights: tf.Tensor[] | null): void {
    this.state = { ...state }
    this.replace(weights)
  }

  get weights(): tf.Tensor[] | null {
    return this.snapshot
  }

  /** Records an epoch's validation loss; true when patience has run out. */
  update(epoch: number, valLoss: number): boolean {
    const best = this.state.bestValLoss
    if (best === null || valLoss < best) {
      this.state = { bestValLoss: valLoss, bestEpoch: epoch, epochsWithoutImprovement: 0 }
      this.replace(this.model.weights.map((w) => tf.clone(w.read())))
      return false
    }
    this.state = { ...this.state, epochsWithoutImprovement: this.state.epochsWithoutImprovement + 1 }
    return this.state.epochsWithoutImprovement >= this.patience
  }

  /** Puts the best weights back into the model; false when there are none. */
  restore(): boolean {
    if (!this.snapshot) return false
    const snapshot = this.snapshot
    this.model.weights.forEach((w, i) => w.write(snapshot[i] as tf.Tensor))
    return true
  }

  dispose(): void {
    this.replace(null)
  }

  private replace(weights: tf.Tensor[] | null): void {
    if (this.snapshot) tf.dispose(this.snapshot)
    this.snapshot = weights
  }
}
