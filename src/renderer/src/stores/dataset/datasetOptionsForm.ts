import { DatasetOpenOptions, type ResizeMode } from '../../../../shared/datasetSchemas'
import { messagesByField, numberOrBlank } from '../../forms/fieldMessages'

/** The Data room's input-format form, as its fields hold it (a number box may hold '' or text). */
export interface DatasetOptionsForm {
  size: number | string
  channels: 'auto' | 1 | 3
  resize: ResizeMode
  seed: number | string
  trainPct: number | string
  valPct: number | string
}
/** The fields that can hold a wrong value; `general` is a message no field owns. */
export type DatasetOptionsField = Exclude<keyof DatasetOptionsForm, 'resize'> | 'general'
export type DatasetOptionsCheck =
  | { ok: true; options: DatasetOpenOptions }
  | { ok: false; errors: Partial<Record<DatasetOptionsField, string>> }

export const defaultDatasetOptionsForm = (): DatasetOptionsForm => ({
  size: '',
  channels: 'auto',
  resize: 'stretch',
  seed: 42,
  trainPct: 80,
  valPct: 10
})

function fieldOf(path: readonly PropertyKey[]): DatasetOptionsField {
  const [first, second] = path
  if (first === 'split') return second === 'train' ? 'trainPct' : 'valPct'
  return first === 'size' || first === 'channels' || first === 'seed' ? first : 'general'
}

/**
 * Turns the form into `dataset.open` options with the schema the engine parses them with, so what it
 * refuses is said beside its field and never sent. A blank size or seed means "from the data" / the
 * default seed; the test share is what training and validation leave.
 */
export function checkDatasetOptions(form: DatasetOptionsForm): DatasetOptionsCheck {
  const errors: Partial<Record<DatasetOptionsField, string>> = {}
  const train = numberOrBlank(form.trainPct)
  const val = numberOrBlank(form.valPct)
  if (train === undefined) errors.trainPct = 'Enter the training share in per cent.'
  if (val === undefined) errors.valPct = 'Enter the validation share in per cent.'
  let split: DatasetOpenOptions['split']
  if (train !== undefined && val !== undefined) {
    if (train + val > 100) errors.valPct = 'Training and validation together can be at most 100 %.'
    else split = { train: train / 100, val: val / 100, test: (100 - train - val) / 100 }
  }
  const parsed = DatasetOpenOptions.safeParse({
    size: numberOrBlank(form.size),
    channels: form.channels === 'auto' ? undefined : form.channels,
    resize: form.resize,
    seed: numberOrBlank(form.seed),
    split
  })
  if (!parsed.success) Object.assign(errors, { ...messagesByField(parsed.error, fieldOf), ...errors })
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, options: parsed.data }
}

/** The test share the form leaves, for the hint beside the fields. */
export function testShare(form: DatasetOptionsForm): string {
  const train = numberOrBlank(form.trainPct) ?? 0
  const val = numberOrBlank(form.valPct) ?? 0
  const rest = 100 - train - val
  return Number.isFinite(rest) && rest >= 0 ? `${Number(rest.toFixed(2))} %` : '–'
}
