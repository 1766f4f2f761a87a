import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { addKernelLayer } from '../../../src/main/engine/backend/kernelLayers'
import { checkKernelLayers } from '../../../src/main/engine/backend/kernelSelfCheck'
import { describeBackendChoice } from '../../../src/main/engine/backend/describeBackend'
import { missingInternals } from '../../../src/main/engine/backend/internalsChecklist'
import { versionMismatches } from '../../../src/main/engine/backend/libraryInternals'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'

describe('the check of replaced kernels at start', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  it('takes off a replacement that computes something else, and the kernel below it is used again', () => {
    const below = tf.getKernel('Sum', 'wasm')
    // Off by one in every value: what a wrong layout or a changed internal would look like.
    const layer = addKernelLayer('Sum', 'a broken replacement', [], (stock) => (args) => {
      const out = (stock as tf.KernelConfig['kernelFunc'])(args) as tf.TensorInfo
      const backend = args.backend as tf.KernelBackend
      const values = backend.readSync(out.dataId) as Float32Array
      backend.disposeData(out.dataId)
      const dataId = backend.write(
        values.map((v) => v + 1),
        out.shape,
        'float32'
      )
      return { dataId, shape: out.shape, dtype: 'float32' }
    })
    checkKernelLayers([layer])
    expect(layer.checked).toMatch(
      /^differs from tfjs's cpu backend on \[\[8,8,8,8\]\] \(relative error [\d.e+-]+\)$/
    )
    expect(tf.getKernel('Sum', 'wasm')).toBe(below)
    const sum = tf.tidy(() => tf.sum(tf.ones([64, 4]), 0).dataSync())
    expect(Array.from(sum)).toEqual([64, 64, 64, 64])
  })

  it('takes off a replacement that throws, saying what it threw', () => {
    const layer = addKernelLayer('Identity', 'a throwing replacement', [], () => () => {
      throw new Error('memory access out of bounds')
    })
    checkKernelLayers([layer])
    expect(layer.checked).toBe('failed on [[3,5]] (memory access out of bounds)')
    expect(Array.from(tf.tidy(() => tf.tensor1d([1, 2]).clone().dataSync()))).toEqual([1, 2])
  })

  it('does not trust a replacement it has no case for', () => {
    const layer = addKernelLayer(
      'Relu6',
      'an unchecked replacement',
      [],
      (stock) => stock as tf.KernelConfig['kernelFunc']
    )
    checkKernelLayers([layer])
    expect(layer.checked).toBe('has no check case, so it is not trusted')
  })
})

describe('versions of the libraries whose internals are used', () => {
  it('names each library whose version is not the checked one', () => {
    const problems = versionMismatches({
      '@tensorflow/tfjs-core': '4.22.0',
      '@tensorflow/tfjs-backend-wasm': '4.23.0',
      '@tensorflow/tfjs-layers': '4.22.0',
      'onnxruntime-node': '1.30.0'
    })
    expect([...problems.values()]).toEqual([
      '@tensorflow/tfjs-backend-wasm is 4.23.0, but its internals were checked on 4.22.0'
    ])
  })

  it('names what is missing from a wasm backend that lacks the heap access and memory the kernels use', () => {
    // An object standing for a future BackendWasm whose private methods and emscripten module moved.
    const missing = missingInternals({ wasm: {} })
    expect(missing).toEqual([
      {
        library: '@tensorflow/tfjs-backend-wasm',
        problem:
          "the backend's makeOutput, typedArrayFromHeap, incRef and disposeData (the wasm backend has no makeOutput, typedArrayFromHeap, incRef, disposeData)"
      },
      {
        library: '@tensorflow/tfjs-backend-wasm',
        problem: "emscripten's WebAssembly memory (the wasm backend does not expose its memory where it did)"
      }
    ])
  })

  it('says in the backend line that the checked versions and every internal were found', () => {
    const line = describeBackendChoice({
      name: 'wasm',
      tfBackend: 'wasm',
      attempts: [{ name: 'wasm', ok: true, ms: 1 }],
      kernels: [{ name: 'Sum', by: 'wasm SIMD', problem: null }],
      internals: {
        versions: { '@tensorflow/tfjs-core': '4.22.0' },
        mismatches: [],
        needed: 7,
        missing: []
      }
    })
    expect(line).toBe(
      "Computing on wasm; 1 kernel replacement checked against tfjs's cpu backend at start (tfjs-core 4.22.0, the versions its internals were checked on; 7 of 7 library internals found)"
    )
  })

  it('names a missing internal in the backend line', () => {
    const line = describeBackendChoice({
      name: 'wasm',
      tfBackend: 'wasm',
      attempts: [{ name: 'wasm', ok: true, ms: 1 }],
      kernels: [],
      internals: {
        versions: { '@tensorflow/tfjs-core': '4.22.0' },
        mismatches: [],
        needed: 7,
        missing: ["tfjs-core: AdamOptimizer's moments (gone)"]
      }
    })
    expect(line).toBe(
      "Computing on wasm; 0 kernel replacements checked against tfjs's cpu backend at start (tfjs-core 4.22.0, the versions its internals were checked on; 6 of 7 library internals found); " +
        "missing tfjs-core: AdamOptimizer's moments (gone): the kernels relying on it are not used"
    )
  })

  it('says in the backend line which kernels are not used and why', () => {
    const line = describeBackendChoice({
      name: 'wasm',
      tfBackend: 'wasm',
      attempts: [{ name: 'wasm', ok: true, ms: 1 }],
      simd: true,
      threads: 1,
      nativeKernelsUnavailable:
        "onnxruntime's kernels are not used (onnxruntime-node is 1.31.0, but its internals were checked on 1.30.0)",
      kernels: [
        { name: 'BatchMatMul', by: 'XNNPACK (composition)', problem: null },
        {
          name: 'Sum',
          by: 'wasm SIMD',
          problem: "differs from tfjs's cpu backend on [[8,8,8,8]] (relative error 0.5)"
        }
      ],
      internals: {
        versions: { '@tensorflow/tfjs-core': '4.22.0', 'onnxruntime-node': '1.31.0' },
        mismatches: ['onnxruntime-node is 1.31.0, but its internals were checked on 1.30.0']
      }
    })
    expect(line).toBe(
      "Computing on wasm (SIMD, 1 thread); onnxruntime's kernels are not used (onnxruntime-node is 1.31.0, but its internals were checked on 1.30.0); " +
        "1 kernel replacement checked against tfjs's cpu backend at start (tfjs-core 4.22.0, onnxruntime-node 1.31.0); " +
        "Sum on wasm SIMD differs from tfjs's cpu backend on [[8,8,8,8]] (relative error 0.5), so it is not used; " +
        'onnxruntime-node is 1.31.0, but its internals were checked on 1.30.0: the kernels relying on its internals are not used'
    )
  })
})
