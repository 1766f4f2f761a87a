import { ref, type Ref } from 'vue'
import type { RunJson } from '../../../../shared/training'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/**
 * Importing a run trained elsewhere (a trained PyTorch training project, or a copied run folder) into the
 * runs folder; `imported` says what came in, `importError` why nothing did.
 */
export function createRunImport(refreshRuns: () => Promise<void>, toggleOverlay: (id: string) => void) {
  const importing = ref(false)
  const importError: Ref<string | null> = ref(null)
  const imported: Ref<RunJson | null> = ref(null)

  async function importRun(dir: string): Promise<boolean> {
    if (importing.value) return false
    importing.value = true
    importError.value = null
    imported.value = null
    try {
      const answer = await useClient().call('training.import', { dir: dir.trim() })
      imported.value = answer.run
      await refreshRuns()
      // Its curves go on the charts at once, beside the run being trained or looked at.
      toggleOverlay(answer.run.id)
      return true
    } catch (err) {
      importError.value = messageOf(err)
      return false
    } finally {
      importing.value = false
    }
  }

  /** The desktop's folder dialog; null when it was cancelled or failed (the failure is in importError). */
  async function pickFolder(): Promise<string | null> {
    try {
      return (await useClient().call('dialog.openFolder', {})).path
    } catch (err) {
      importError.value = messageOf(err)
      return null
    }
  }

  return { importing, importError, imported, importRun, pickFolder }
}
