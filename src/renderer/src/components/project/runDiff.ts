import type { AugmentOp } from '../../../../shared/augment'
import type { LayerSpec } from '../../../../shared/network'
import type { RunJson } from '../../../../shared/training'
import { formatDuration, formatNumber, formatPercent, formatRate } from '../train/runFormat'

/** One line of the comparison: the same setting of two runs, and whether they differ. */
export interface DiffRow {
  section: 'Training' | 'Network' | 'Augmentation' | 'Dataset' | 'Results'
  label: string
  a: string
  b: string
  differs: boolean
}

const ABSENT = '—'

function settingText(value: unknown): string {
  if (Array.isArray(value)) return value.map(settingText).join('×')
  if (typeof value === 'number') return String(Number(value.toPrecision(4)))
  return String(value)
}

/** "conv2d: filters 32, kernelSize 5×5, padding same, activation relu": every setting but the name. */
export function describeLayer(layer: LayerSpec | undefined): string {
  if (!layer) return ABSENT
  const parts = Object.entries(layer)
    .filter(([key, value]) => key !== 'type' && key !== 'name' && value !== undefined)
    .map(([key, value]) => `${key} ${settingText(value)}`)
  return parts.length > 0 ? `${layer.type}: ${parts.join(', ')}` : layer.type
}

export function describeOp(op: AugmentOp | undefined): string {
  if (!op) return ABSENT
  if (op.enabled === false) return `${op.type}: off`
  const parts = Object.entries(op)
    .filter(([key, value]) => key !== 'type' && key !== 'enabled' && value !== undefined)
    .map(([key, value]) => `${key} ${settingText(value)}`)
  return parts.length > 0 ? `${op.type}: ${parts.join(', ')}` : op.type
}

function row(section: DiffRow['section'], label: string, a: string, b: string): DiffRow {
  return { section, label, a, b, differs: a !== b }
}

function trainingRows(a: RunJson, b: RunJson): DiffRow[] {
  const s = (run: RunJson) => run.settings
  const schedule = (run: RunJson) => {
    const sc = s(run).schedule
    return sc.type === 'step' ? `step ×${sc.factor} every ${sc.every}` : sc.type
  }
  const early = (run: RunJson) =>
    s(run).earlyStopping.enabled ? `after ${s(run).earlyStopping.patience} epochs` : 'off'
  const pairs: [string, (run: RunJson) => string][] = [
    ['optimizer', (r) => s(r).optimizer],
    ['learning rate', (r) => formatRate(s(r).learningRate)],
    ['schedule', schedule],
    ['epochs', (r) => String(s(r).epochs)],
    ['batch size', (r) => String(s(r).batchSize)],
    ['momentum', (r) => String(s(r).momentum)],
    ['weight decay', (r) => String(s(r).weightDecay)],
    ['seed', (r) => String(s(r).seed)],
    ['augmentation', (r) => (s(r).augment ? 'on' : 'off')],
    ['early stopping', early],
    ['training images', (r) => (s(r).trainLimit === undefined ? 'all' : `at most ${s(r).trainLimit}`)],
    ['started from', (r) => r.initialWeights ?? 'seeded initial weights']
  ]
  return pairs.map(([label, text]) => row('Training', label, text(a), text(b)))
}

function listRows<T>(
  section: DiffRow['section'],
  name: string,
  a: readonly T[],
  b: readonly T[],
  describe: (item: T | undefined) => string
): DiffRow[] {
  const rows = [row(section, `${name}s`, String(a.length), String(b.length))]
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    rows.push(row(section, `${name} ${i + 1}`, describe(a[i]), describe(b[i])))
  return rows
}

/** Seconds from the run's creation to its last update. */
export function runSeconds(run: RunJson): number | null {
  const s = (Date.parse(run.updatedAt) - Date.parse(run.createdAt)) / 1000
  return Number.isFinite(s) ? s : null
}

function resultRows(a: RunJson, b: RunJson): DiffRow[] {
  const f = (run: RunJson) => run.final
  const pairs: [string, (run: RunJson) => string][] = [
    ['status', (r) => `${r.status}, ${r.epochsCompleted}/${r.settings.epochs} epochs`],
    ['test accuracy', (r) => formatPercent(f(r)?.testAccuracy)],
    ['validation accuracy', (r) => formatPercent(f(r)?.valAccuracy)],
    ['training accuracy', (r) => formatPercent(f(r)?.trainAccuracy)],
    ['validation loss', (r) => formatNumber(f(r)?.valLoss)],
    ['training loss', (r) => formatNumber(f(r)?.trainLoss)],
    ['images per second', (r) => formatNumber(f(r)?.imagesPerSecond, 0)],
    ['duration', (r) => formatDuration(runSeconds(r))]
  ]
  return pairs.map(([label, text]) => row('Results', label, text(a), text(b)))
}

/** Everything that decided two runs and what came of it, side by side. */
export function compareRuns(a: RunJson, b: RunJson): DiffRow[] {
  const input = (run: RunJson) =>
    `${run.network.input.height}×${run.network.input.width}×${run.network.input.channels}`
  const source = (run: RunJson) =>
    run.dataset.source.kind === 'mnist' ? 'MNIST sample' : run.dataset.source.path
  return [
    ...resultRows(a, b),
    ...trainingRows(a, b),
    row('Network', 'input', input(a), input(b)),
    ...listRows('Network', 'layer', a.network.layers, b.network.layers, describeLayer),
    ...listRows('Augmentation', 'op', a.augment?.ops ?? [], b.augment?.ops ?? [], describeOp),
    row('Dataset', 'source', source(a), source(b)),
    row('Dataset', 'classes', a.dataset.classNames.join(', '), b.dataset.classNames.join(', '))
  ]
}
