import { computed, ref, shallowRef, watch } from 'vue'
import {
  formatMatrixText,
  LECTURE_CASES,
  MAX_INPUT_SIDE,
  MAX_KERNEL_SIDE,
  parseMatrixText,
  type WindowAnswer
} from '../../../../shared/lab'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** How far apart the steps are while the step-through plays. */
export const PLAY_INTERVAL_MS = 900

export type PaddingChoice = 'valid' | 'same' | 'explicit'

/**
 * The convolution and pooling playground: the matrices and settings as typed (each field checked as it
 * is typed, with the same rules and words as the engine), the engine's answer, and the step-through over
 * it: `step` output cells are filled, the last of them is the one whose window is shown.
 */
export function createPlayground() {
  const first = LECTURE_CASES[0]
  const operation = ref<'conv' | 'pool'>('conv')
  const inputText = ref(first ? formatMatrixText(first.input) : '')
  const kernelText = ref(first?.kind === 'conv' ? formatMatrixText(first.kernel) : '1')
  const padding = ref<PaddingChoice>('valid')
  const explicitPadding = ref(1)
  const stride = ref(1)
  const mode = ref<'correlate' | 'convolve'>('correlate')
  const poolSize = ref(2)
  const poolOp = ref<'max' | 'avg'>('max')
  const poolPadding = ref<'valid' | 'same'>('valid')
  const caseId = ref<string>(first?.id ?? '')

  const input = computed(() => parseMatrixText(inputText.value, 'input', MAX_INPUT_SIDE))
  const kernel = computed(() => parseMatrixText(kernelText.value, 'kernel', MAX_KERNEL_SIDE))
  const answer = shallowRef<WindowAnswer | null>(null)
  const error = ref<string | null>(null)
  const step = ref(0)
  const playing = ref(false)
  let timer: ReturnType<typeof setInterval> | null = null
  let requestNumber = 0

  const cellCount = computed(() => answer.value?.cells.length ?? 0)
  /** The cell whose window is shown: the last one filled, or none before the first step. */
  const current = computed(() => (step.value > 0 ? (answer.value?.cells[step.value - 1] ?? null) : null))

  /** Asks the engine again for the current fields; a field that does not parse shows its own message. */
  async function compute(): Promise<void> {
    pause()
    const number = ++requestNumber
    if (!input.value.ok || (operation.value === 'conv' && !kernel.value.ok)) {
      answer.value = null
      error.value = null
      return
    }
    try {
      const client = useClient()
      const next =
        operation.value === 'conv'
          ? await client.call('lab.conv', {
              input: input.value.matrix,
              kernel: kernel.value.ok ? kernel.value.matrix : [[1]],
              padding: padding.value === 'explicit' ? explicitPadding.value : padding.value,
              stride: stride.value,
              mode: mode.value
            })
          : await client.call('lab.pool', {
              input: input.value.matrix,
              size: poolSize.value,
              stride: stride.value,
              op: poolOp.value,
              padding: poolPadding.value
            })
      if (number !== requestNumber) return
      answer.value = next
      error.value = null
      step.value = 0
    } catch (err) {
      if (number !== requestNumber) return
      answer.value = null
      error.value = messageOf(err)
    }
  }

  function loadCase(id: string): void {
    const found = LECTURE_CASES.find((c) => c.id === id)
    if (!found) return
    caseId.value = id
    inputText.value = formatMatrixText(found.input)
    stride.value = found.stride
    if (found.kind === 'conv') {
      operation.value = 'conv'
      kernelText.value = formatMatrixText(found.kernel)
      mode.value = 'correlate'
      if (typeof found.padding === 'number') {
        padding.value = 'explicit'
        explicitPadding.value = found.padding
      } else padding.value = found.padding
    } else {
      operation.value = 'pool'
      poolSize.value = found.size
      poolOp.value = found.op
      poolPadding.value = 'valid'
    }
  }

  function forward(): void {
    if (step.value < cellCount.value) step.value++
    if (step.value >= cellCount.value) pause()
  }
  function back(): void {
    pause()
    if (step.value > 0) step.value--
  }
  function reset(): void {
    pause()
    step.value = 0
  }
  function showAll(): void {
    pause()
    step.value = cellCount.value
  }
  function play(): void {
    if (playing.value || cellCount.value === 0) return
    if (step.value >= cellCount.value) step.value = 0
    playing.value = true
    timer = setInterval(forward, PLAY_INTERVAL_MS)
  }
  function pause(): void {
    playing.value = false
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  // Any edit recomputes; an edited matrix is no longer the lecture case it was loaded from.
  watch(
    [operation, inputText, kernelText, padding, explicitPadding, stride, mode, poolSize, poolOp, poolPadding],
    () => void compute()
  )
  watch([inputText, kernelText], () => {
    const found = LECTURE_CASES.find((c) => c.id === caseId.value)
    const same =
      found &&
      formatMatrixText(found.input) === inputText.value &&
      (found.kind === 'pool' || formatMatrixText(found.kernel) === kernelText.value)
    if (!same) caseId.value = ''
  })

  return {
    operation,
    inputText,
    kernelText,
    padding,
    explicitPadding,
    stride,
    mode,
    poolSize,
    poolOp,
    poolPadding,
    caseId,
    input,
    kernel,
    answer,
    error,
    step,
    playing,
    cellCount,
    current,
    compute,
    loadCase,
    forward,
    back,
    reset,
    showAll,
    play,
    pause
  }
}
