import { defineStore } from 'pinia'
import { ref } from 'vue'
import { createBackprop } from './lab/backprop'
import { createPictureLab } from './lab/pictureLab'
import { createPlayground } from './lab/playground'

export { PLAY_INTERVAL_MS } from './lab/playground'

export type LabTab = 'playground' | 'backprop' | 'filters' | 'chain' | 'sweep'

/**
 * The Lab room: the lecture's experiments, every number computed by the engine. The playground (a
 * convolution or pooling stepped through window by window), the backpropagation example, and kernels,
 * a pooling chain and the augmentation sweep on one picture.
 */
export const useLabStore = defineStore('lab', () => {
  const tab = ref<LabTab>('playground')
  const playground = createPlayground()
  const backprop = createBackprop()
  const picture = createPictureLab()

  /** Shows a tab, asking the engine for its first answer when it has none yet. */
  function open(next: LabTab): void {
    tab.value = next
    if (next === 'playground' && !playground.answer.value) void playground.compute()
    if (next === 'backprop' && !backprop.answer.value) void backprop.compute()
    if (next === 'filters' && !picture.filter.value.answer) void picture.applyFilters()
    if (next === 'chain' && !picture.chain.value.answer) void picture.applyChain()
    if (next === 'sweep' && !picture.sweep.value.answer) void picture.applySweep()
  }

  return { tab, open, playground, backprop, picture }
})
