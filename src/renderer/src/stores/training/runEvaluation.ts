import { ref, shallowRef } from 'vue'
import type { RouteOutput } from '../../../../shared/contract'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

export type Evaluation = RouteOutput<'training.evaluation'>

/** The Evaluate room's state: which run is evaluated, its answer, and whether it is on its way. */
export function createRunEvaluation() {
  const evaluatedRunId = ref<string | null>(null)
  const evaluation = shallowRef<Evaluation | null>(null)
  const evaluating = ref(false)
  const evaluationError = ref<string | null>(null)

  /** Loads a run's evaluation; an answer for a run no longer picked is dropped. */
  async function evaluate(id: string): Promise<void> {
    evaluatedRunId.value = id
    evaluation.value = null
    evaluationError.value = null
    evaluating.value = true
    try {
      const answer = await useClient().call('training.evaluation', { runId: id })
      if (evaluatedRunId.value === id) evaluation.value = answer
    } catch (err) {
      if (evaluatedRunId.value === id) evaluationError.value = messageOf(err)
    } finally {
      if (evaluatedRunId.value === id) evaluating.value = false
    }
  }

  return { evaluatedRunId, evaluation, evaluating, evaluationError, evaluate }
}
