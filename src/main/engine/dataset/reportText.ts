import { moreSizesText } from '../../../shared/countText'
import type { ImportReport } from '../../../shared/datasetSchemas'

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)
      )
      .join('  ')
  )
}

/** The text `dataset inspect` prints: what was imported, what was skipped and why, and warnings. */
export function formatImportReport(report: ImportReport): string {
  const { input } = report
  const lines: string[] = []
  lines.push(`Dataset: ${report.source}`)
  lines.push(
    `Input: ${input.height}×${input.width}×${input.channels} (height×width×channels), resize: ${report.resize}`
  )
  const splitHow =
    report.splitSource === 'folders' ? 'from train/test folders' : `seeded (seed ${report.seed})`
  lines.push(`Images: ${report.total} in ${report.classes.length} classes; split ${splitHow}`)
  lines.push('')
  const totals = { train: 0, val: 0, test: 0 }
  const rows = [['class', 'images', 'train', 'val', 'test']]
  for (const c of report.classes) {
    rows.push([c.name, String(c.count), String(c.splits.train), String(c.splits.val), String(c.splits.test)])
    totals.train += c.splits.train
    totals.val += c.splits.val
    totals.test += c.splits.test
  }
  rows.push(['total', String(report.total), String(totals.train), String(totals.val), String(totals.test)])
  lines.push(...table(rows).map((row) => `  ${row}`))
  if (report.sizes.length > 0) {
    lines.push('')
    lines.push(
      `Original sizes (most common first): ${report.sizes.map((s) => `${s.width}×${s.height} (${s.count})`).join(', ')}` +
        (report.otherSizes ? `, ${moreSizesText(report.otherSizes)}` : '')
    )
  }
  lines.push('')
  lines.push(report.skipped.length === 0 ? 'Skipped files: none' : `Skipped files: ${report.skipped.length}`)
  for (const skipped of report.skipped) lines.push(`  ${skipped.path}: ${skipped.reason}`)
  if (report.warnings.length > 0) {
    lines.push('')
    lines.push('Warnings:')
    for (const warning of report.warnings) lines.push(`  - ${warning}`)
  }
  lines.push('')
  lines.push(`${report.fromCache ? 'Read from cache' : 'Imported'} in ${report.seconds.toFixed(2)} s`)
  return lines.join('\n')
}
