import { computed, ref, shallowRef, watch } from 'vue'
import {
  formatMatrixText,
  parseMatrixText,
  type BackpropAnswer,
  type MatrixCheck
} from '../../../../shared/lab'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** A check that also insists on the exact size the example uses. */
function sized(text: string, name: string, rows: number, cols: number): MatrixCheck {
  const parsed = parseMatrixText(text, name, Math.max(rows, cols))
  if (!parsed.ok) return parsed
  const m = parsed.matrix
  return m.length === rows && m[0]?.length === cols
    ? parsed
    : { ok: false, error: `The ${name} must be ${rows}×${cols}; it is ${m.length}×${m[0]?.length ?? 0}.` }
}

/**
 * The backpropagation example: a 3×3 input x, a 2×2 filter w and a chosen ∂L/∂h; the engine answers
 * with the outputs h and every ∂L/∂w written out as its sum of products.
 */
export function createBackprop() {
  const inputText = ref(
    formatMatrixText([
      [1, 2, 0],
      [0, 1, 3],
      [2, 1, 1]
    ])
  )
  const filterText = ref(
    formatMatrixText([
      [1, -1],
      [0, 2]
    ])
  )
  const gradText = ref(
    formatMatrixText([
      [0.5, -1],
      [2, 1]
    ])
  )
  const input = computed(() => sized(inputText.value, 'input', 3, 3))
  const filter = computed(() => sized(filterText.value, 'filter', 2, 2))
  const grad = computed(() => sized(gradText.value, '∂L/∂h', 2, 2))
  const answer = shallowRef<BackpropAnswer | null>(null)
  const error = ref<string | null>(null)
  let requestNumber = 0

  async function compute(): Promise<void> {
    const number = ++requestNumber
    if (!input.value.ok || !filter.value.ok || !grad.value.ok) {
      answer.value = null
      return
    }
    try {
      const next = await useClient().call('lab.backprop', {
        input: input.value.matrix,
        filter: filter.value.matrix,
        gradOutput: grad.value.matrix
      })
      if (number !== requestNumber) return
      answer.value = next
      error.value = null
    } catch (err) {
      if (number === requestNumber) error.value = messageOf(err)
    }
  }

  watch([inputText, filterText, gradText], () => void compute())

  return { inputText, filterText, gradText, input, filter, grad, answer, error, compute }
}
