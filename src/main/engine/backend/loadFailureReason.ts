import type { BackendName } from './backendTypes'

/** Versions libtensorflow 2.9.1 (used by tfjs-node-gpu 4.x) was built against. */
const CUDA_REQUIREMENT = 'CUDA 11.2 and cuDNN 8.1 are required'

/** A load failure whose message is already a sentence for a person. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError'
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message
  if (typeof err === 'object' && err !== null && 'message' in err) return String(err.message)
  return String(err)
}

function codeOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) return String(err.code)
  return undefined
}

/**
 * Turns whatever loading a backend threw into one sentence, prefixed with the backend name,
 * e.g. "tfjs-node-gpu: libcudart.so.11.0 not found — CUDA 11.2 and cuDNN 8.1 are required".
 * The raw message is kept at the end when it is not recognised, so nothing is lost.
 */
export function describeLoadFailure(
  name: BackendName,
  packageName: string | undefined,
  err: unknown
): string {
  const message = messageOf(err)
  const firstLine = message.split('\n')[0]?.trim() ?? ''
  const sentence = (text: string): string => `${name}: ${text}`

  if (err instanceof BackendUnavailableError) return sentence(message)

  const code = codeOf(err)
  if (
    packageName !== undefined &&
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    message.includes(`'${packageName}'`)
  ) {
    return sentence(`not installed (optional dependency ${packageName} is absent)`)
  }

  // Checked first: these messages also name the library that could not be loaded.
  const glibc = /(GLIBC(?:XX)?_[\d.]+)' not found/.exec(message)?.[1]
  if (glibc !== undefined) {
    return sentence(`the system C/C++ library is too old (${glibc} is required by libtensorflow)`)
  }

  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(message)) {
    return sentence(
      `its native binding was built for a different Node.js/Electron version — run "npm rebuild ${packageName ?? ''}"`
    )
  }

  const missing = /cannot open shared object file|image not found|could not be found/i.test(message)
  const problem = (lib: string): string =>
    missing ? `${lib} not found` : `${lib} could not be loaded (${firstLine})`

  const driverLib = /(libcuda\.so(?:\.[\d]+)*)\b/.exec(message)?.[1]
  if (driverLib !== undefined) {
    return sentence(
      `${problem(driverLib)} — the NVIDIA driver is not installed or not visible to this process`
    )
  }

  const cudaLib = /(lib(?:cu\w+|nvinfer\w*)\.so(?:\.[\d]+)*)/.exec(message)?.[1]
  if (cudaLib !== undefined) return sentence(`${problem(cudaLib)} — ${CUDA_REQUIREMENT}`)

  if (/CUDA driver version is insufficient|no CUDA-capable device/i.test(message)) {
    return sentence(`the NVIDIA driver cannot run CUDA 11.2 (${firstLine}) — ${CUDA_REQUIREMENT}`)
  }

  const tfLib = /(libtensorflow\w*\.so(?:\.[\d]+)*)/.exec(message)?.[1]
  if (tfLib !== undefined) {
    return sentence(
      `${problem(tfLib)} — its install step did not download libtensorflow; run "npm rebuild ${packageName ?? ''}" with network access`
    )
  }

  if (/tfjs_binding\.node/.test(message)) {
    return sentence(
      `its native binding (tfjs_binding.node) is missing — run "npm rebuild ${packageName ?? ''}" with network access`
    )
  }

  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return sentence(`a module it needs is missing (${firstLine})`)
  }

  return sentence(firstLine === '' ? 'failed to load for an unknown reason' : firstLine)
}
