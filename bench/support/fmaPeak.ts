import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The FP32 FMA peak of this machine, measured by ../shared/anchors/fmapeak.c: the physical limit of a
 * training step. Built into a temp folder (never into the repository) with the flags its README gives.
 * fmapeak.c runs its AVX-512 loop unconditionally, which would die with SIGILL on a CPU without AVX-512;
 * there a copy without that loop (and without -mavx512f, so gcc emits no AVX-512 anywhere) is built and its
 * AVX2 figure is the peak.
 */

export interface FmaPeak {
  gflops: number
  /** 'AVX-512' or 'AVX2': the widest FMA this CPU has. */
  isa: string
  threads: number
  line: string
}

export type FmaPeakProbe = (() => FmaPeak) & { dispose(): void }

function cpuHasAvx512(): boolean {
  try {
    const flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? ''
    return flags.split(/\s+/).includes('avx512f')
  } catch {
    return false
  }
}

/** Compiles fmapeak once; the returned probe runs it (each run takes about a second on a quiet machine). */
export function buildFmaPeak(sourceFile: string): FmaPeakProbe | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cnn-workbench-fmapeak-'))
  const avx512 = cpuHasAvx512()
  let source = readFileSync(sourceFile, 'utf8')
  if (!avx512) {
    source = source
      .replace(/static double run512[\s\S]*?(?=static double run256)/, '')
      .replace('run512(it / 10); ', '')
      .replace('run512(it)', '0.0')
  }
  const copy = path.join(dir, 'fmapeak.c')
  const binary = path.join(dir, 'fmapeak')
  writeFileSync(copy, source)
  const flags = avx512 ? ['-mavx512f', '-mfma'] : ['-mavx2', '-mfma']
  const built = spawnSync('gcc', ['-O2', ...flags, '-fopenmp', copy, '-o', binary], { encoding: 'utf8' })
  if (built.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return `could not build fmapeak.c (${built.error?.message ?? built.stderr.split('\n')[0] ?? 'gcc failed'})`
  }
  const probe = (): FmaPeak => {
    const run = spawnSync(binary, [], { encoding: 'utf8' })
    const line = run.stdout.trim()
    const m = /threads (\d+): AVX-512 FMA ([\d.]+) GFLOP\/s, AVX2 FMA ([\d.]+) GFLOP\/s/.exec(line)
    if (run.status !== 0 || m === null) throw new Error(`fmapeak printed "${line}" (exit ${run.status})`)
    return {
      gflops: Number(avx512 ? m[2] : m[3]),
      isa: avx512 ? 'AVX-512' : 'AVX2',
      threads: Number(m[1]),
      line
    }
  }
  return Object.assign(probe, { dispose: () => rmSync(dir, { recursive: true, force: true }) })
}
