import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { EventPayload, RouteOutput } from '../../../shared/contract'
import type { DatasetOpenOptions, DatasetSource, SplitName } from '../../../shared/datasetSchemas'
import { WorkbenchError } from '../../../shared/workbenchError'
import { useClient } from '../client'
import { messageOf } from '../errorMessage'

type Opened = NonNullable<RouteOutput<'dataset.current'>>

export interface GridFilter {
  split?: SplitName
  label?: number
}

/** The open dataset: its import report, the import in progress, and the grid's filter. */
export const useDatasetStore = defineStore('dataset', () => {
  const opened = ref<Opened | null>(null)
  const opening = ref(false)
  const progress = ref<EventPayload<'op.progress'> | null>(null)
  const error = ref<string | null>(null)
  const filter = ref<GridFilter>({})
  const options = ref<DatasetOpenOptions>({})
  const lastSource = ref<DatasetSource | null>(null)
  let currentOp: string | null = null

  const report = computed(() => opened.value?.report ?? null)
  const classNames = computed(() => opened.value?.classNames ?? [])
  /** The built-in MNIST sample is open: digits, which a flip would turn into other symbols. */
  const isMnist = computed(
    () => lastSource.value?.kind === 'mnist' || /mnist/i.test(opened.value?.report.source ?? '')
  )

  async function open(source: DatasetSource, opts: DatasetOpenOptions = options.value): Promise<boolean> {
    const client = useClient()
    const opId = `import-${Date.now()}`
    currentOp = opId
    opening.value = true
    error.value = null
    progress.value = null
    const off = client.on('op.progress', (p) => {
      if (p.opId === opId) progress.value = p
    })
    try {
      opened.value = await client.call('dataset.open', { source, options: opts, opId })
      lastSource.value = source
      options.value = opts
      filter.value = {}
      return true
    } catch (err) {
      error.value =
        err instanceof WorkbenchError && err.code === 'cancelled' ? 'Import cancelled.' : messageOf(err)
      return false
    } finally {
      off()
      opening.value = false
      currentOp = null
    }
  }

  async function cancel(): Promise<void> {
    if (currentOp) await useClient().call('op.cancel', { opId: currentOp })
  }

  /** One image of the open dataset at full size, with its class, for the detail view. */
  function image(index: number): Promise<RouteOutput<'dataset.image'>> {
    return useClient().call('dataset.image', { index })
  }

  /** After an engine restart the dataset is gone from memory; ask what the engine holds. */
  async function refresh(): Promise<void> {
    opened.value = await useClient().call('dataset.current', {})
  }

  return {
    opened,
    opening,
    progress,
    error,
    filter,
    options,
    lastSource,
    report,
    classNames,
    isMnist,
    open,
    cancel,
    image,
    refresh
  }
})
