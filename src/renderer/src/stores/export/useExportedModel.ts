import { ref, type Ref } from 'vue'
import type { RouteOutput } from '../../../../shared/contract'
import { useClient } from '../../client'
import { useAugmentStore } from '../augmentStore'
import { useTrainingStore } from '../trainingStore'
import { messageOf } from '../../errorMessage'

export type ExportedEvaluation = RouteOutput<'model.evaluate'>

/**
 * An exported TF.js folder taken back into the app: evaluated on the open dataset's test split, or
 * trained further as a new run that starts from its weights.
 */
export function useExportedModel(modelDir: Ref<string>) {
  const evaluating = ref(false)
  const evaluation = ref<ExportedEvaluation | null>(null)
  const evaluatedDir = ref('')
  const evaluateError = ref<string | null>(null)
  const startingFurther = ref(false)
  const furtherNote = ref<string | null>(null)
  const furtherError = ref<string | null>(null)

  async function evaluate(): Promise<void> {
    const dir = modelDir.value.trim()
    evaluation.value = null
    evaluateError.value = null
    if (!dir) {
      evaluateError.value = 'Type the path of an exported TF.js folder first.'
      return
    }
    evaluating.value = true
    try {
      evaluation.value = await useClient().call('model.evaluate', { modelDir: dir })
      evaluatedDir.value = dir
    } catch (err) {
      evaluateError.value = messageOf(err)
    } finally {
      evaluating.value = false
    }
  }

  /** Starts a run with the export's own network, beginning from its weights, with the Train room's settings. */
  async function trainFurther(): Promise<void> {
    const dir = modelDir.value.trim()
    furtherNote.value = null
    furtherError.value = null
    if (!dir) {
      furtherError.value = 'Type the path of an exported TF.js folder first.'
      return
    }
    const training = useTrainingStore()
    if (training.active) {
      furtherError.value = 'A run is already training; stop it in the Train room first.'
      return
    }
    startingFurther.value = true
    try {
      const manifest = await useClient().call('model.describe', { modelDir: dir })
      if (!manifest.network) {
        furtherError.value =
          'This export does not record its network (it was not written by this app, or by an older version); it can be evaluated but not trained further.'
        return
      }
      if (!training.settings) {
        furtherError.value = 'The Train room’s settings are not valid; fix them there first.'
        return
      }
      const ok = await training.start(manifest.network, useAugmentStore().spec, dir)
      if (ok) {
        furtherNote.value = `Training further started (run ${training.runId ?? ''}) with the Train room’s settings; follow it in the Train room.`
      } else {
        furtherError.value = training.error ?? 'The run could not be started.'
      }
    } catch (err) {
      furtherError.value = messageOf(err)
    } finally {
      startingFurther.value = false
    }
  }

  return {
    evaluating,
    evaluation,
    evaluatedDir,
    evaluateError,
    startingFurther,
    furtherNote,
    furtherError,
    evaluate,
    trainFurther
  }
}
