import { z } from 'zod'

/** What runs the engine process: Node.js, or the Electron binary acting as Node, and why. */
export const EngineRuntimeInfo = z.object({
  kind: z.enum(['node', 'electron-as-node']),
  label: z.string(),
  node: z.string(),
  electron: z.string().nullable(),
  execPath: z.string(),
  why: z.string()
})

/** Which build of sharp decodes images in the engine, and why. */
export const ImageDecoderInfo = z.object({
  kind: z.enum(['native', 'wasm', 'none']),
  label: z.string(),
  why: z.string()
})

export const BackendAttemptInfo = z.object({
  name: z.string(),
  ok: z.boolean(),
  reason: z.string().optional(),
  ms: z.number()
})

/** A backend choice with what `doctor` shows of the wasm runtime under it. */
const BackendReport = z.object({
  name: z.string(),
  description: z.string(),
  attempts: z.array(BackendAttemptInfo),
  simd: z.boolean().optional(),
  threads: z.number().int().optional(),
  nativeKernelThreads: z.number().int().optional(),
  nativeKernelsUnavailable: z.string().optional(),
  simdKernelsUnavailable: z.string().optional()
})

const Problem = z.object({ error: z.string() })

/** Everything `cnn-workbench doctor` and the app's engine panel report, in one document. */
export const DoctorReport = z.object({
  version: z.string(),
  platform: z.object({ os: z.string(), release: z.string(), arch: z.string() }),
  runtime: EngineRuntimeInfo,
  decoder: ImageDecoderInfo.extend({
    glibLibraries: z.array(z.string()),
    wasmInstalled: z.boolean()
  }),
  /** The training thread's backend: every attempt, in order, with its reason. */
  training: z.union([BackendReport, Problem]),
  /** The engine main thread's backend (previews, predictions): wasm or cpu, with onnxruntime's kernels. */
  previews: z.union([BackendReport, Problem]),
  onnxruntime: z.object({ ok: z.boolean(), version: z.string().nullable(), detail: z.string() }),
  cpu: z.object({
    model: z.string(),
    cores: z.number().int(),
    /** Instruction sets the backends care about; empty where the OS does not say. */
    features: z.record(z.string(), z.boolean())
  }),
  gpu: z.object({
    nvidiaSmi: z.enum(['found', 'no-gpu', 'not-installed', 'failed']),
    gpus: z.array(z.object({ name: z.string(), driver: z.string(), memory: z.string() })),
    detail: z.string()
  }),
  locations: z.object({
    dataRoot: z.string(),
    cacheDir: z.string(),
    runsDir: z.string(),
    appDataDir: z.string()
  }),
  /** The command line only: how the desktop app would start its engine on this machine, and why. */
  desktopEngine: z.string().optional()
})
export type DoctorReport = z.infer<typeof DoctorReport>
