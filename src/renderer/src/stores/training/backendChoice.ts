import { ref, type Ref } from 'vue'
import type { BackendName } from '../../../../shared/computeBackends'
import type { RouteOutput } from '../../../../shared/contract'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** The compute backend the engine reports, and one the user may force for new runs. */
export function createBackendChoice(error: Ref<string | null>) {
  const backend = ref<RouteOutput<'engine.backend'> | null>(null)
  /** A backend the user forces for new runs; null lets the engine pick its best. */
  const forcedBackend = ref<BackendName | null>(null)

  async function loadBackend(): Promise<void> {
    try {
      backend.value = await useClient().call('engine.backend', {})
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  return { backend, forcedBackend, loadBackend }
}
