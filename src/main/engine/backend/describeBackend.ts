import type { BackendAttempt, BackendChoice, BackendName } from './backendTypes'

/** What the `engine.backend` route and `doctor` report of a choice. */
export interface BackendSummary {
  name: BackendName
  description: string
  attempts: BackendAttempt[]
  simd?: boolean
  threads?: number
  nativeKernelThreads?: number
  nativeKernelsUnavailable?: string
  simdKernelsUnavailable?: string
}

export function summarizeBackendChoice(choice: BackendChoice): BackendSummary {
  return {
    name: choice.name,
    description: describeBackendChoice(choice),
    attempts: choice.attempts,
    ...(choice.simd === undefined ? {} : { simd: choice.simd }),
    ...(choice.threads === undefined ? {} : { threads: choice.threads }),
    ...(choice.nativeKernels ? { nativeKernelThreads: choice.nativeKernels.threads } : {}),
    ...(choice.nativeKernelsUnavailable ? { nativeKernelsUnavailable: choice.nativeKernelsUnavailable } : {}),
    ...(choice.simdKernelsUnavailable ? { simdKernelsUnavailable: choice.simdKernelsUnavailable } : {})
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** The replaced kernels' check at start: how many match, which do not, and the versions they ran on. */
function kernelReport(choice: BackendChoice): string[] {
  const kernels = choice.kernels
  if (kernels === undefined) return []
  const matching = kernels.filter((k) => k.problem === null)
  const versions = Object.entries(choice.internals?.versions ?? {})
    .map(([name, version]) => `${name.replace('@tensorflow/', '')} ${version}`)
    .join(', ')
  const internals = choice.internals
  const mismatches = internals?.mismatches ?? []
  const missing = internals?.missing ?? []
  const context = [
    versions === ''
      ? ''
      : `${versions}${mismatches.length === 0 ? ', the versions its internals were checked on' : ''}`,
    internals?.needed === undefined
      ? ''
      : `${internals.needed - missing.length} of ${plural(internals.needed, 'library internal')} found`
  ].filter((c) => c !== '')
  const parts = [
    `${plural(matching.length, 'kernel replacement')} checked against tfjs's cpu backend at start${context.length === 0 ? '' : ` (${context.join('; ')})`}`
  ]
  for (const k of kernels) {
    if (k.problem !== null) parts.push(`${k.name} on ${k.by} ${k.problem}, so it is not used`)
  }
  for (const m of mismatches) parts.push(`${m}: the kernels relying on its internals are not used`)
  for (const m of missing) parts.push(`missing ${m}: the kernels relying on it are not used`)
  return parts
}

/** One line for the log and the status bar, e.g. "Computing on wasm (SIMD, 1 thread); tfjs-node: not installed …". */
export function describeBackendChoice(choice: BackendChoice): string {
  const details: string[] = []
  if (choice.simd !== undefined) details.push(choice.simd ? 'SIMD' : 'no SIMD')
  if (choice.threads !== undefined) details.push(plural(choice.threads, 'thread'))
  const native = choice.nativeKernels
  const blocked = native?.nchwcBlock ? `, blocked convolutions of ${native.nchwcBlock} channels` : ''
  const fused = native?.fusedConvTraining ? ', convolutions with a ReLU trained as one kernel' : ''
  const kernels = native
    ? `; convolutions and matrix products on onnxruntime's native CPU kernels (${plural(native.threads, 'thread')}${blocked}${fused})`
    : ''
  const head = `Computing on ${choice.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}${kernels}`
  const skipped = choice.attempts.filter((a) => !a.ok).map((a) => a.reason ?? a.name)
  if (choice.nativeKernelsUnavailable !== undefined) skipped.push(choice.nativeKernelsUnavailable)
  if (choice.simdKernelsUnavailable !== undefined) skipped.push(choice.simdKernelsUnavailable)
  return [head, ...skipped, ...kernelReport(choice)].join('; ')
}
