import {
  describeBackendChoice,
  selectBackend,
  type BackendChoice,
  type BackendName
} from '../backend/selectBackend'
import { nativeKernelsSetting, nativeRuntimeOnce } from '../backend/computeSettings'

let choice: Promise<BackendChoice> | null = null

/**
 * The engine picks its compute backend once, on first use, so a start-up without tfjs work stays fast.
 * `CNN_WORKBENCH_BACKEND` forces one (the setting behind `--backend`).
 */
export function computeBackend(): Promise<BackendChoice> {
  if (!choice) {
    const forced = process.env.CNN_WORKBENCH_BACKEND as BackendName | undefined
    const native = nativeKernelsSetting() ? nativeRuntimeOnce() : undefined
    choice = selectBackend({
      ...(forced ? { force: forced } : {}),
      ...(native === undefined ? {} : { native })
    })
    choice.catch(() => (choice = null))
  }
  return choice
}

export async function backendSummary() {
  const c = await computeBackend()
  return { name: c.name, description: describeBackendChoice(c), attempts: c.attempts }
}
