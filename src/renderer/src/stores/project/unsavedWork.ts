import { computed, type Ref } from 'vue'
import type { ProjectContent } from '../../../../shared/project'
import { contentKey } from '../../domain/project/projectContent'
import type { SaveState } from './projectAutosave'

/**
 * What a reload or a closed tab would lose, as a sentence (null when nothing): changes of an open
 * project not saved yet, or an unsaved session that holds work (its rooms changed, or a run trained).
 */
export function createUnsavedWork(parts: {
  folder: Ref<string | null>
  saveState: Ref<SaveState>
  content: () => ProjectContent
  trainedThisSession: () => boolean
}) {
  const startKey = contentKey(parts.content())
  return computed<string | null>(() => {
    const state = parts.saveState.value
    if (state === 'dirty' || state === 'saving' || state === 'error')
      return 'The project has changes that are not saved yet.'
    if (parts.folder.value) return null
    const changed = contentKey(parts.content()) !== startKey
    return changed || parts.trainedThisSession()
      ? 'This session is not saved in a project: Save (Ctrl+S) keeps it, runs included.'
      : null
  })
}
