import { createRequire } from 'node:module'
import os from 'node:os'
import type { DoctorReport } from '../../../shared/doctorReport'
import packageJson from '../../../../package.json'
import type { BackendChoice, BackendSummary } from '../backend/selectBackend'
import { summarizeBackendChoice } from '../backend/selectBackend'
import { nativeKernelsSetting } from '../backend/computeSettings'
import { glibLibrariesInThisProcess } from '../dataset/glibInProcess'
import { imageDecoder, wasmBindingPath } from '../dataset/imageDecoder'
import { cpuInfo } from './cpuFeatures'
import { engineRuntime } from './engineRuntime'
import { nvidiaGpus, type GpuInfo } from './nvidiaGpu'

export interface DoctorSources {
  /** The training thread's choice (it starts the thread when needed). */
  trainingBackend: () => Promise<BackendSummary>
  /** The engine main thread's choice, for previews and predictions. */
  previewsBackend: () => Promise<BackendChoice>
  locations: DoctorReport['locations']
  gpu?: () => GpuInfo
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

function onnxruntimeVersion(): string | null {
  try {
    return (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version
  } catch {
    return null
  }
}

function onnxruntimeStatus(previews: DoctorReport['previews']): DoctorReport['onnxruntime'] {
  const version = onnxruntimeVersion()
  if (!nativeKernelsSetting())
    return { ok: false, version, detail: 'turned off by CNN_WORKBENCH_NATIVE_KERNELS=0' }
  if ('error' in previews) return { ok: false, version, detail: `not tried: ${previews.error}` }
  if (previews.nativeKernelThreads !== undefined) {
    const threads = previews.nativeKernelThreads
    return {
      ok: true,
      version,
      detail: `onnxruntime-node ${version ?? ''} computes convolutions and matrix products on ${threads} thread${threads === 1 ? '' : 's'}`
    }
  }
  return { ok: false, version, detail: previews.nativeKernelsUnavailable ?? `not used on ${previews.name}` }
}

/** The report of `cnn-workbench doctor` and the engine panel: gathered in the engine, where it all runs. */
export async function collectDoctorReport(sources: DoctorSources): Promise<DoctorReport> {
  const [training, previews] = await Promise.all([
    sources.trainingBackend().then(
      (summary) => summary,
      (err: unknown) => ({ error: messageOf(err) })
    ),
    sources.previewsBackend().then(
      (choice) => summarizeBackendChoice(choice),
      (err: unknown) => ({ error: messageOf(err) })
    )
  ])
  return {
    version: packageJson.version,
    platform: { os: process.platform, release: os.release(), arch: process.arch },
    runtime: engineRuntime(),
    decoder: {
      ...imageDecoder(),
      glibLibraries: glibLibrariesInThisProcess(),
      wasmInstalled: wasmBindingPath() !== null
    },
    training,
    previews,
    onnxruntime: onnxruntimeStatus(previews),
    cpu: cpuInfo(),
    gpu: (sources.gpu ?? nvidiaGpus)(),
    locations: sources.locations
  }
}
