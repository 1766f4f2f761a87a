import { computed, ref, shallowRef, watch } from 'vue'
import {
  FILTER_PRESETS,
  MAX_KERNEL_SIDE,
  parseMatrixText,
  type AugmentSweepAnswer,
  type FilterAnswer,
  type LabImageSource,
  type PoolChainAnswer
} from '../../../../shared/lab'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** What the picture tabs show, each answered by the engine for the chosen picture. */
type Job<T> = { answer: T | null; error: string | null; busy: boolean }

/**
 * The Lab's experiments on one picture: the picture chosen (the built-in one, a dropped file, or an image
 * of the open dataset), kernels over it, a pooling chain and the augmentation sweep.
 */
export function createPictureLab() {
  const source = shallowRef<LabImageSource>({ kind: 'sample' })
  const sourceName = ref('the built-in picture (220×293)')
  const chosenKernels = ref<string[]>(['filter01', 'filter02'])
  const customText = ref('')
  const filterMode = ref<'valid' | 'same'>('valid')
  const chainTimes = ref(5)
  const chainOp = ref<'max' | 'avg'>('max')
  const sweepExpand = ref(true)
  const sweepInterpolation = ref<'bilinear' | 'bicubic'>('bicubic')

  const custom = computed(() =>
    customText.value.trim() === '' ? null : parseMatrixText(customText.value, 'kernel', MAX_KERNEL_SIDE)
  )
  const filter = ref<Job<FilterAnswer>>({ answer: null, error: null, busy: false })
  const chain = ref<Job<PoolChainAnswer>>({ answer: null, error: null, busy: false })
  const sweep = ref<Job<AugmentSweepAnswer>>({ answer: null, error: null, busy: false })
  const counters = { filter: 0, chain: 0, sweep: 0 }

  /** Runs one engine call for a tab; an answer that arrives after a newer request is dropped. */
  async function run<T>(
    job: typeof filter | typeof chain | typeof sweep,
    key: keyof typeof counters,
    call: () => Promise<T>
  ): Promise<void> {
    const number = ++counters[key]
    job.value = { ...job.value, busy: true }
    try {
      const answer = await call()
      if (number === counters[key]) job.value = { answer: answer as never, error: null, busy: false }
    } catch (err) {
      if (number === counters[key]) job.value = { answer: null, error: messageOf(err), busy: false }
    }
  }

  function kernels(): { name: string; kernel: number[][] }[] {
    const presets = FILTER_PRESETS.filter((p) => chosenKernels.value.includes(p.name)).map((p) => ({
      name: p.name,
      kernel: p.kernel
    }))
    const own = custom.value?.ok ? [{ name: 'your kernel', kernel: custom.value.matrix }] : []
    return [...presets, ...own]
  }

  const applyFilters = (): Promise<void> => {
    const list = kernels()
    if (list.length === 0) {
      filter.value = {
        answer: null,
        error: 'Choose a kernel (or type one) to filter the picture with.',
        busy: false
      }
      return Promise.resolve()
    }
    return run(filter, 'filter', () =>
      useClient().call('lab.filter', { image: source.value, kernels: list, mode: filterMode.value })
    )
  }
  const applyChain = (): Promise<void> =>
    run(chain, 'chain', () =>
      useClient().call('lab.poolChain', { image: source.value, times: chainTimes.value, op: chainOp.value })
    )
  const applySweep = (): Promise<void> =>
    run(sweep, 'sweep', () =>
      useClient().call('lab.augmentSweep', {
        image: source.value,
        expand: sweepExpand.value,
        interpolation: sweepInterpolation.value,
        seed: 1
      })
    )

  /** A new picture: every tab that has shown something shows it for the new one. */
  function choose(next: LabImageSource, name: string): void {
    source.value = next
    sourceName.value = name
  }

  watch(source, () => {
    void applyFilters()
    if (chain.value.answer || chain.value.error) void applyChain()
    if (sweep.value.answer || sweep.value.error) void applySweep()
  })
  watch([chosenKernels, customText, filterMode], () => void applyFilters(), { deep: true })
  watch([chainTimes, chainOp], () => void applyChain())
  watch([sweepExpand, sweepInterpolation], () => void applySweep())

  return {
    source,
    sourceName,
    chosenKernels,
    customText,
    custom,
    filterMode,
    chainTimes,
    chainOp,
    sweepExpand,
    sweepInterpolation,
    filter,
    chain,
    sweep,
    choose,
    applyFilters,
    applyChain,
    applySweep
  }
}
