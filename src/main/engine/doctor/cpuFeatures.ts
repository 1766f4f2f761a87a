import { readFileSync } from 'node:fs'
import os from 'node:os'

/** The instruction sets the compute backends depend on: libtensorflow needs AVX; MLAS and XNNPACK use the rest. */
const FEATURES = ['sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512_vnni'] as const

export interface CpuInfo {
  model: string
  cores: number
  features: Record<string, boolean>
}

/** Which of FEATURES a /proc/cpuinfo text lists (its first `flags` line). */
export function featuresFromCpuinfo(cpuinfo: string): Record<string, boolean> {
  const flags = /^flags\s*:(.*)$/m.exec(cpuinfo)?.[1]
  if (flags === undefined) return {}
  const present = new Set(flags.trim().split(/\s+/))
  return Object.fromEntries(FEATURES.map((f) => [f, present.has(f)]))
}

export function cpuInfo(readCpuinfo: () => string = () => readFileSync('/proc/cpuinfo', 'utf8')): CpuInfo {
  let features: Record<string, boolean> = {}
  try {
    features = featuresFromCpuinfo(readCpuinfo())
  } catch {
    // Not Linux: the OS does not say, and the report shows no features rather than guessed ones.
  }
  return { model: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.availableParallelism(), features }
}
