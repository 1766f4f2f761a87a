import type { DoctorReport } from './doctorReport'

type Backend = DoctorReport['training']

function backendLines(title: string, backend: Backend): string[] {
  if ('error' in backend) return [`${title}: could not be chosen — ${backend.error}`]
  const lines = [`${title}: ${backend.name}`]
  for (const a of backend.attempts) {
    const how = a.ok ? 'loaded' : (a.reason ?? 'failed').replace(new RegExp(`^${a.name}: `), '')
    lines.push(`  ${a.ok ? '✓' : '✗'} ${a.name}: ${how} (${Math.round(a.ms)} ms)`)
  }
  if (backend.simd !== undefined)
    lines.push(`  wasm: ${backend.simd ? 'SIMD' : 'no SIMD'}, ${backend.threads ?? 1} thread(s)`)
  if (backend.nativeKernelThreads !== undefined)
    lines.push(
      `  convolutions and matrix products on onnxruntime's kernels, ${backend.nativeKernelThreads} thread(s)`
    )
  if (backend.nativeKernelsUnavailable) lines.push(`  ${backend.nativeKernelsUnavailable}`)
  if (backend.simdKernelsUnavailable) lines.push(`  ${backend.simdKernelsUnavailable}`)
  return lines
}

/** The doctor report as the CLI prints it and the engine panel copies it: one fact per line. */
export function formatDoctorReport(report: DoctorReport): string {
  const features = Object.entries(report.cpu.features)
  const lines = [
    `CNN Workbench ${report.version} on ${report.platform.os} ${report.platform.release} (${report.platform.arch})`,
    `Engine runtime: ${report.runtime.label} at ${report.runtime.execPath}`,
    `  why: ${report.runtime.why}`,
    ...(report.desktopEngine !== undefined ? [`Desktop app's engine: ${report.desktopEngine}`] : []),
    `Image decoder: ${report.decoder.label}`,
    `  why: ${report.decoder.why}`,
    `  sharp's WebAssembly build: ${report.decoder.wasmInstalled ? 'installed' : 'not installed'}`,
    ...backendLines('Training backend', report.training),
    ...backendLines('Preview backend', report.previews),
    `onnxruntime: ${report.onnxruntime.ok ? 'in use' : 'not in use'} — ${report.onnxruntime.detail}`,
    `CPU: ${report.cpu.model}, ${report.cpu.cores} core(s)` +
      (features.length === 0 ? '' : `; ${features.map(([f, on]) => `${on ? '+' : '-'}${f}`).join(' ')}`),
    `GPU: ${report.gpu.detail}`,
    `Data root: ${report.locations.dataRoot}`,
    `Dataset cache: ${report.locations.cacheDir}`,
    `Runs: ${report.locations.runsDir}`,
    `App data: ${report.locations.appDataDir}`
  ]
  return lines.join('\n') + '\n'
}
