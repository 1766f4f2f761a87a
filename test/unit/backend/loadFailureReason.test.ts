import { describe, expect, it } from 'vitest'
import { describeLoadFailure } from '../../../src/main/engine/backend/loadFailureReason'

/** Errors as Node reports them when tfjs-node(-gpu) fails on a badly set-up machine. */
const failure = (message: string, code: string): Error => Object.assign(new Error(message), { code })

describe('describeLoadFailure', () => {
  const gpu = (err: unknown): string => describeLoadFailure('tfjs-node-gpu', '@tensorflow/tfjs-node-gpu', err)

  it('names the missing CUDA library and the versions that are required', () => {
    const err = failure(
      'libcudart.so.11.0: cannot open shared object file: No such file or directory',
      'ERR_DLOPEN_FAILED'
    )
    expect(gpu(err)).toBe('tfjs-node-gpu: libcudart.so.11.0 not found — CUDA 11.2 and cuDNN 8.1 are required')
    const cudnn = failure(
      'libcudnn.so.8: cannot open shared object file: No such file or directory',
      'ERR_DLOPEN_FAILED'
    )
    expect(gpu(cudnn)).toBe('tfjs-node-gpu: libcudnn.so.8 not found — CUDA 11.2 and cuDNN 8.1 are required')
  })

  it('tells a missing driver apart from a missing toolkit', () => {
    const err = failure(
      'libcuda.so.1: cannot open shared object file: No such file or directory',
      'ERR_DLOPEN_FAILED'
    )
    expect(gpu(err)).toMatch(/libcuda\.so\.1 not found — the NVIDIA driver is not installed/)
  })

  it('explains a too-old C library before mentioning libtensorflow', () => {
    const err = failure(
      "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.29' not found (required by /app/node_modules/@tensorflow/tfjs-node/deps/lib/libtensorflow.so.2)",
      'ERR_DLOPEN_FAILED'
    )
    expect(describeLoadFailure('tfjs-node', '@tensorflow/tfjs-node', err)).toBe(
      'tfjs-node: the system C/C++ library is too old (GLIBC_2.29 is required by libtensorflow)'
    )
  })

  it('asks for a rebuild when the binding is missing or built for another runtime', () => {
    const missing = failure(
      "Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
      'MODULE_NOT_FOUND'
    )
    expect(describeLoadFailure('tfjs-node', '@tensorflow/tfjs-node', missing)).toMatch(
      /tfjs_binding\.node\) is missing — run "npm rebuild @tensorflow\/tfjs-node"/
    )
    const abi = failure(
      "The module '/app/lib/napi-v8/tfjs_binding.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115.",
      'ERR_DLOPEN_FAILED'
    )
    expect(describeLoadFailure('tfjs-node', '@tensorflow/tfjs-node', abi)).toMatch(
      /built for a different Node\.js\/Electron version/
    )
  })

  it('keeps the first line of an unrecognised error', () => {
    expect(gpu(new Error('something unexpected\n    at stack'))).toBe('tfjs-node-gpu: something unexpected')
  })
})
