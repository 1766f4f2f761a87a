import * as tf from '@tensorflow/tfjs'
import { adamState, adamStateProblem, type AdamState } from '../backend/libraryInternals'
import { ADAM_UPDATE, adamUpdateAvailable, type AdamUpdateAttrs } from '../backend/wasmAdamUpdate'

type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0]

type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number]

/** The names β₁ᵗ and β₂ᵗ are saved under, after AdamOptimizer's own weights. */
export const BETA_POWER_NAMES = ['optimizer/beta1_power', 'optimizer/beta2_power'] as const

/**
 * Adam whose per-variable update runs as one kernel where the backend has it (wasm), and as tfjs's own
 * elsewhere. Everything else is AdamOptimizer's: the moments' variables, names and order (so checkpoints
 * and getWeights/setWeights are unchanged), the β powers, and the `learningRate` field read at each step.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /**
   * AdamOptimizer's weights plus β₁ᵗ and β₂ᵗ as they are. Its setWeights rebuilds them as powers of β,
   * which differ in the last bits from the step-by-step products a continuous run holds; a run resumed
   * from a checkpoint would then drift from the uninterrupted one.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const state = this as unknown as AdamState
    return [
      ...(await super.getWeights()),
      { name: BETA_POWER_NAMES[0], tensor: state.accBeta1 },
      { name: BETA_POWER_NAMES[1], tensor: state.accBeta2 }
    ]
  }

  /** Restores what getWeights saved; a checkpoint without the β powers gets AdamOptimizer's own. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const isPower = (w: NamedTensor): boolean => (BETA_POWER_NAMES as readonly string[]).includes(w.name)
    await super.setWeights(weightValues.filter((w) => !isPower(w)))
    const state = this as unknown as AdamState
    const [beta1Power, beta2Power] = BETA_POWER_NAMES.map((n) => weightValues.find((w) => w.name === n))
    if (beta1Power) state.accBeta1.assign(beta1Power.tensor)
    if (beta2Power) state.accBeta2.assign(beta2Power.tensor)
  }

  override applyGradients(variableGradients: Gradients): void {
    const gradients: Array<readonly [string, tf.Tensor | null | undefined]> = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients)
    const fusable =
      adamUpdateAvailable() &&
      adamStateProblem(this) === null &&
      gradients.every(
        ([name, g]) =>
          (g == null || g.dtype === 'float32') && tf.engine().registeredVariables[name]?.dtype === 'float32'
      )
    if (!fusable) {
      super.applyGradients(variableGradients)
      return
    }
    const state: AdamState = adamState(this)
    tf.tidy(() => {
      const correction1 = 1 - (state.accBeta1.dataSync()[0] as number)
      const correction2 = 1 - (state.accBeta2.dataSync()[0] as number)
      gradients.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name] as tf.Variable
        const m = (state.accumulatedFirstMoment[i] ??= moment(name, 'm', value)).variable
        const v = (state.accumulatedSecondMoment[i] ??= moment(name, 'v', value)).variable
        if (gradient == null) return
        const attrs: AdamUpdateAttrs = {
          learningRate: this.learningRate,
          beta1: this.beta1,
          beta2: this.beta2,
          epsilon: this.epsilon,
          correction1,
          correction2
        }
        const [w1, m1, v1] = tf
          .engine()
          .runKernel(
            ADAM_UPDATE,
            { value, gradient, m, v },
            attrs as unknown as tf.NamedAttrMap
          ) as tf.Tensor[]
        m.assign(m1 as tf.Tensor)
        v.assign(v1 as tf.Tensor)
        value.assign(w1 as tf.Tensor)
      })
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1))
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2))
    })
    state.incrementIterations()
  }
}

function moment(
  name: string,
  which: 'm' | 'v',
  value: tf.Variable
): { originalName: string; variable: tf.Variable } {
  return { originalName: `${name}/${which}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) }
}
