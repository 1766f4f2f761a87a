import { ref, watch, type Ref, type ShallowRef } from 'vue'
import type { ProjectContent, ProjectFile } from '../../../../shared/project'
import { useClient } from '../../client'
import { contentKey } from '../../domain/project/projectContent'
import { messageOf } from '../../errorMessage'

/** 'idle': no project is open, so nothing is saved automatically. */
export type SaveState = 'idle' | 'saved' | 'dirty' | 'saving' | 'error'

/** How long after the last change an open project is saved. */
export const AUTOSAVE_DELAY_MS = 1000

/** The open project as saving sees it: where it lives, what was last written, and what the rooms hold now. */
export interface SavedProject {
  folder: Ref<string | null>
  project: ShallowRef<ProjectFile | null>
  error: Ref<string | null>
  content: () => ProjectContent
}

/** The project file for `base` with the rooms' content. */
export const fileWithContent = (base: ProjectFile, content: ProjectContent): ProjectFile => ({
  ...base,
  ...content
})

/**
 * Saves the open project a moment after every change of the rooms' content, and on demand. Whether the
 * content changed is told by its key against the key of what was last saved.
 */
export function createProjectAutosave({ folder, project, error, content }: SavedProject) {
  const saveState = ref<SaveState>('idle')
  let savedKey: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let saving: Promise<void> | null = null

  watch(
    () => contentKey(content()),
    (key) => {
      if (!folder.value) return
      if (key === savedKey) {
        cancelScheduled()
        if (saveState.value === 'dirty') saveState.value = 'saved'
        return
      }
      if (saveState.value !== 'saving') saveState.value = 'dirty'
      schedule()
    }
  )

  function schedule(): void {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void save()
    }, AUTOSAVE_DELAY_MS)
  }

  function cancelScheduled(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }

  /** The project on disk now holds what the rooms hold. */
  function markSaved(): void {
    savedKey = contentKey(content())
    saveState.value = 'saved'
  }

  /** The save under way, if any: a project being left waits for it. */
  const saveUnderWay = (): Promise<void> | null => saving

  /** Saves now (Ctrl+S, and the autosave). A save asked for during another one follows it. */
  async function save(): Promise<void> {
    cancelScheduled()
    if (!folder.value || !project.value) return
    if (saving) {
      await saving
      if (contentKey(content()) !== savedKey) return save()
      return
    }
    const file = fileWithContent(project.value, content())
    const key = contentKey(content())
    saveState.value = 'saving'
    saving = (async () => {
      try {
        const answer = await useClient().call('project.save', { project: file, folder: folder.value! })
        project.value = answer.project
        savedKey = key
        error.value = null
        const now = contentKey(content())
        saveState.value = now === savedKey ? 'saved' : 'dirty'
        if (now !== savedKey) schedule()
      } catch (err) {
        saveState.value = 'error'
        error.value = `The project was not saved: ${messageOf(err)}`
      }
    })()
    try {
      await saving
    } finally {
      saving = null
    }
  }

  return { saveState, save, markSaved, cancelScheduled, saveUnderWay }
}
