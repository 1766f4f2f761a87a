import type { NetworkIssue } from './shapeInference'
import type { NetworkSummary } from './summary'

const count = (n: number): string => n.toLocaleString('en-US')

/** Bytes in binary units with one decimal: 3.1 MB, 812.0 KB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`
}

/** Keras prints shapes as tuples with the batch axis; we leave the batch out: (28, 28, 32). */
export function formatShape(shape: readonly number[] | null): string {
  if (shape === null) return '?'
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
}

function issueLines(title: string, issues: readonly NetworkIssue[]): string[] {
  if (issues.length === 0) return []
  const lines = issues.map((i) => `  ${i.layer < 0 ? 'network' : `layer ${i.layer}`}: ${i.message}`)
  return ['', `${title}:`, ...lines]
}

/** A Keras-style table (layer, output shape, params) followed by totals, errors and warnings. */
export function formatSummaryText(summary: NetworkSummary): string {
  const rows: [string, string, string][] = [
    ['Layer (type)', 'Output shape', 'Param #'],
    [
      'input',
      formatShape(summary.input ? [summary.input.height, summary.input.width, summary.input.channels] : null),
      '0'
    ],
    ...summary.layers.map((l): [string, string, string] => [
      `${l.index} ${l.kind}`,
      formatShape(l.outputShape),
      count(l.params)
    ])
  ]
  const widths = [0, 1].map((col) => Math.max(...rows.map((r) => r[col]?.length ?? 0)) + 4)
  const lastWidth = Math.max(...rows.map((r) => r[2].length))
  const render = (r: [string, string, string]): string =>
    r[0].padEnd(widths[0] ?? 0) + r[1].padEnd(widths[1] ?? 0) + r[2].padStart(lastWidth)
  const rule = (ch: string): string => ch.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + lastWidth)
  const [header, ...body] = rows
  const lines = [
    render(header as [string, string, string]),
    rule('='),
    ...body.map(render),
    rule('='),
    `Total params: ${count(summary.totalParams)} (${formatBytes(summary.paramBytes)})`,
    `Trainable params: ${count(summary.trainableParams)}`,
    `Non-trainable params: ${count(summary.nonTrainableParams)}`,
    `Multiply-adds per image: ${count(summary.multiplyAdds)}`,
    `Activation memory per image: ${formatBytes(summary.memoryBytes)}`,
    ...issueLines('Errors', summary.errors),
    ...issueLines('Warnings', summary.warnings)
  ]
  return lines.join('\n') + '\n'
}
