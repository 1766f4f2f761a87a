import { onMounted, onUnmounted } from 'vue'
import { useProjectStore } from '../projectStore'

/**
 * In a browser (serve mode), a reload or a closed tab asks first while there is unsaved work. The
 * desktop window's close is confirmed by the shell instead: there an unanswered beforeunload would
 * silently keep the window open.
 */
export function useUnloadWarning(mode: 'desktop' | 'serve'): void {
  const project = useProjectStore()
  function onBeforeUnload(e: BeforeUnloadEvent): void {
    if (!project.unsavedWork) return
    e.preventDefault()
    // Older browsers show the prompt only when returnValue is set.
    e.returnValue = project.unsavedWork
  }
  onMounted(() => {
    if (mode === 'serve') window.addEventListener('beforeunload', onBeforeUnload)
  })
  onUnmounted(() => window.removeEventListener('beforeunload', onBeforeUnload))
}
