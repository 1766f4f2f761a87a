import { ref, type Ref } from 'vue'
import type { SettingsForm } from '../../domain/train/settingsForm'

/**
 * Whether training augments follows the Augment room: a pipeline that gets its first enabled op
 * switches augmentation on (a person who built one means to train with it), and one left with none
 * switches it off. Switching it off by hand while ops are on sticks until the pipeline empties again.
 */
export function createAugmentDefault(form: Ref<SettingsForm>) {
  /** Augmentation was switched on because the pipeline got ops, not by hand: the form says so. */
  const augmentFollowsPipeline = ref(false)
  let hadOps = false

  function pipelineChanged(enabledOps: number): void {
    const hasOps = enabledOps > 0
    if (hasOps && !hadOps && !form.value.augment) {
      form.value.augment = true
      augmentFollowsPipeline.value = true
    } else if (!hasOps && hadOps && augmentFollowsPipeline.value) {
      form.value.augment = false
      augmentFollowsPipeline.value = false
    }
    hadOps = hasOps
  }

  return { augmentFollowsPipeline, pipelineChanged }
}
