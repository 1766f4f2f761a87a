import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DoctorReport } from '../../../src/shared/doctorReport'
import { featuresFromCpuinfo } from '../../../src/main/engine/doctor/cpuFeatures'
import { nvidiaGpus } from '../../../src/main/engine/doctor/nvidiaGpu'
import { runCliProcess } from '../../support/runCli'

const GLIB_STAND_IN =
  '/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0 /usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0'

describe('cnn-workbench doctor', () => {
  it('--json reports every item: backends with reasons, runtime, decoder, onnxruntime, SIMD, CPU, GPU, folders', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-doctor-'))
    try {
      const env = {
        XDG_CACHE_HOME: path.join(home, 'cache'),
        XDG_DATA_HOME: path.join(home, 'data'),
        LD_PRELOAD: GLIB_STAND_IN
      }
      const { code, stdout, stderr } = await runCliProcess(['doctor', '--json'], env)
      expect(code, stderr).toBe(0)
      const report = DoctorReport.parse(JSON.parse(stdout))

      expect(report.runtime).toMatchObject({ kind: 'node', node: process.versions.node, electron: null })
      expect(report.runtime.why).toMatch(
        /serve mode and the command line run the engine on their own Node\.js/
      )
      expect(report.desktopEngine).toMatch(/^Node\.js [\d.]+ from /)
      // The stand-in's GLib is mapped into the engine, which therefore decodes with sharp's WebAssembly build.
      expect(report.decoder).toMatchObject({ kind: 'wasm', wasmInstalled: true })
      expect(report.decoder.glibLibraries.some((l) => l.includes('libglib-2.0.so'))).toBe(true)

      if ('error' in report.training) throw new Error(report.training.error)
      expect(report.training.attempts.map((a) => a.name)).toEqual(['tfjs-node-gpu', 'tfjs-node', 'wasm'])
      expect(report.training.attempts[0]?.reason).toMatch(/^tfjs-node-gpu: not installed/)
      expect(report.training.attempts[1]?.reason).toMatch(/^tfjs-node: not installed/)
      expect(report.training.name).toBe('wasm')
      if ('error' in report.previews) throw new Error(report.previews.error)
      expect(report.previews).toMatchObject({ name: 'wasm', simd: true })
      expect(report.previews.threads).toBeGreaterThanOrEqual(1)

      expect(report.onnxruntime).toMatchObject({ ok: true, version: '1.30.0' })
      expect(report.cpu.cores).toBe(os.availableParallelism())
      expect(report.cpu.features).toHaveProperty('avx')
      expect(report.gpu.nvidiaSmi).toBe('not-installed')
      expect(report.locations).toEqual({
        dataRoot: os.homedir(),
        cacheDir: path.join(home, 'cache', 'cnn-workbench', 'datasets'),
        runsDir: path.join(home, 'data', 'cnn-workbench', 'runs'),
        appDataDir: path.join(home, 'data', 'cnn-workbench')
      })
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  }, 300_000)

  it('--help lists its flag', async () => {
    const { code, stdout } = await runCliProcess(['doctor', '--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/usage: cnn-workbench doctor \[--json\]/)
  }, 60_000)
})

describe('what doctor reads from the machine', () => {
  it('the instruction sets from /proc/cpuinfo', () => {
    expect(featuresFromCpuinfo('processor : 0\nflags : fpu sse4_2 avx fma\n')).toMatchObject({
      sse4_2: true,
      avx: true,
      avx2: false,
      fma: true
    })
    expect(featuresFromCpuinfo('no flags here')).toEqual({})
  })

  it('the GPUs nvidia-smi lists, or why it could not say', () => {
    const found = nvidiaGpus(() => ({
      status: 0,
      stdout: 'NVIDIA GeForce RTX 3060, 535.129.03, 12288 MiB\n',
      stderr: '',
      error: undefined
    }))
    expect(found).toEqual({
      nvidiaSmi: 'found',
      gpus: [{ name: 'NVIDIA GeForce RTX 3060', driver: '535.129.03', memory: '12288 MiB' }],
      detail: 'nvidia-smi sees NVIDIA GeForce RTX 3060 (driver 535.129.03, 12288 MiB)'
    })
    const broken = nvidiaGpus(() => ({
      status: 9,
      stdout: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n",
      stderr: '',
      error: undefined
    }))
    expect(broken).toMatchObject({
      nvidiaSmi: 'failed',
      detail: expect.stringMatching(/couldn't communicate/)
    })
    expect(nvidiaGpus().nvidiaSmi).toBe('not-installed')
  })
})
