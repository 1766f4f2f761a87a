import * as tf from '@tensorflow/tfjs'

/**
 * Wall and CPU time (this process, all threads: onnxruntime's pool included) of every kernel called
 * while `run` runs, by kernel name and input shapes. CPU time stays meaningful on a loaded machine,
 * where wall times mostly measure the neighbours. Kernels called from inside another kernel count
 * towards their caller only.
 */
export async function kernelCpuProfile(
  run: () => Promise<void>,
  backendName = 'wasm'
): Promise<Map<string, { wallMs: number; cpuMs: number; calls: number }>> {
  const totals = new Map<string, { wallMs: number; cpuMs: number; calls: number }>()
  const originals = tf.getKernelsForBackend(backendName)
  let depth = 0
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, backendName)
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return config.kernelFunc(args)
        depth++
        const cpu = process.cpuUsage()
        const started = performance.now()
        try {
          return config.kernelFunc(args)
        } finally {
          const used = process.cpuUsage(cpu)
          depth--
          const key = `${config.kernelName} ${JSON.stringify(Object.values(args.inputs).map((t) => t?.shape ?? null))}`
          const entry = totals.get(key) ?? { wallMs: 0, cpuMs: 0, calls: 0 }
          entry.wallMs += performance.now() - started
          entry.cpuMs += (used.user + used.system) / 1000
          entry.calls++
          totals.set(key, entry)
        }
      }
    })
  }
  try {
    await run()
  } finally {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backendName)
      tf.registerKernel(config)
    }
  }
  return totals
}
