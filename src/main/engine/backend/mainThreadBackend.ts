import { selectBackend, type BackendChoice, type BackendName } from './selectBackend'
import { nativeKernelsSetting, nativeRuntimeOnce } from './computeSettings'

export const MAIN_THREAD_BACKENDS: readonly BackendName[] = ['wasm', 'cpu']

let choice: Promise<BackendChoice> | null = null

/**
 * The backend of the engine's main thread (augmentation previews, predictions, evaluating an export),
 * picked once, on first use, so a start-up without tfjs work stays fast. It is wasm (or cpu) even where
 * tfjs-node loads: tfjs-node cannot be loaded by two threads of one process, and the training thread is the
 * one that needs it. `CNN_WORKBENCH_BACKEND=wasm|cpu` forces one here too.
 */
export function mainThreadBackend(): Promise<BackendChoice> {
  if (!choice) {
    const forced = process.env.CNN_WORKBENCH_BACKEND as BackendName | undefined
    choice = selectBackend({
      ...(forced === 'wasm' || forced === 'cpu' ? { force: forced } : { only: MAIN_THREAD_BACKENDS }),
      ...(nativeKernelsSetting() ? { native: nativeRuntimeOnce } : {})
    })
    choice.catch(() => (choice = null))
  }
  return choice
}
