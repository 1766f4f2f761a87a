/*
 * The Lab's small matrices (an input up to 16×16, a kernel up to 7×7): what counts as one, and a sentence
 * a person can act on for what does not. Shared by the CLI's flags, the engine's routes and the Lab
 * room's fields, so all three accept and refuse the same things with the same words.
 */

export type Matrix = number[][]

export const MAX_INPUT_SIDE = 16
export const MAX_KERNEL_SIDE = 7

const count = (n: number): string => `${n} number${n === 1 ? '' : 's'}`

export type MatrixCheck = { ok: true; matrix: Matrix } | { ok: false; error: string }

/** Checks that `value` is a non-empty rectangular grid of finite numbers of at most `maxSide` rows and columns. */
export function checkMatrix(value: unknown, name: string, maxSide: number): MatrixCheck {
  const fail = (error: string): MatrixCheck => ({ ok: false, error })
  if (!Array.isArray(value) || !value.every(Array.isArray))
    return fail(`The ${name} must be a list of rows such as [[1, 0], [0, 1]].`)
  const rows = value as unknown[][]
  if (rows.length === 0 || rows[0]?.length === 0)
    return fail(`The ${name} is empty; give at least one row with one number.`)
  const width = rows[0]?.length ?? 0
  const ragged = rows.findIndex((row) => row.length !== width)
  if (ragged >= 0)
    return fail(
      `The ${name}'s row ${ragged + 1} has ${count(rows[ragged]?.length ?? 0)} but row 1 has ${count(width)}; every row needs the same count.`
    )
  for (let r = 0; r < rows.length; r++) {
    const c = rows[r]!.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v))
    if (c >= 0)
      return fail(
        `The ${name}'s row ${r + 1}, column ${c + 1} is ${JSON.stringify(rows[r]![c]) ?? 'empty'}, not a number.`
      )
  }
  if (rows.length > maxSide || width > maxSide)
    return fail(
      `The ${name} is ${rows.length}×${width}; the Lab takes at most ${maxSide}×${maxSide}, so every number stays readable.`
    )
  return { ok: true, matrix: rows as Matrix }
}

/**
 * Reads a matrix as typed: JSON (`[[0,1],[1,0]]`) or one row per line (or per `;`) with numbers separated
 * by spaces or commas (`0 1; 1 0`).
 */
export function parseMatrixText(text: string, name: string, maxSide: number): MatrixCheck {
  const trimmed = text.trim()
  if (trimmed === '')
    return { ok: false, error: `The ${name} is empty; give at least one row with one number.` }
  if (trimmed.startsWith('[')) {
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch {
      return {
        ok: false,
        error: `The ${name} is not valid JSON; write it as rows in brackets, such as [[1, 0], [0, 1]].`
      }
    }
    return checkMatrix(value, name, maxSide)
  }
  const rows = trimmed
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/[\s,]+/).map((cell) => (cell === '' ? NaN : Number(cell))))
  const bad = rows.flatMap((row, r) => row.flatMap((v, c) => (Number.isFinite(v) ? [] : [[r, c] as const])))
  const first = bad[0]
  if (first) {
    const cell = trimmed
      .split(/[;\n]/)
      .filter((l) => l.trim() !== '')
      [first[0]]?.trim()
      .split(/[\s,]+/)[first[1]]
    return {
      ok: false,
      error: `The ${name}'s row ${first[0] + 1}, column ${first[1] + 1} is "${cell ?? ''}", not a number.`
    }
  }
  return checkMatrix(rows, name, maxSide)
}

/** A matrix as the Lab's fields show it: one row per line, numbers separated by spaces. */
export function formatMatrixText(matrix: Matrix): string {
  return matrix.map((row) => row.join(' ')).join('\n')
}
