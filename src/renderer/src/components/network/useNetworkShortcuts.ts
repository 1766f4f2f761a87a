import { onMounted, onUnmounted } from 'vue'
import { useNetworkStore } from '../../stores/networkStore'

/** Fields where the keyboard belongs to the text being typed, even for undo. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true
  return (
    target instanceof HTMLInputElement &&
    !['number', 'checkbox', 'radio', 'range', 'file'].includes(target.type)
  )
}

/** Any form control: arrows, Delete and friends keep their usual meaning there. */
function isFormControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  )
}

/**
 * The Network room's keyboard: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo (also from number fields,
 * whose edits are store edits), and on the stack: ↑/↓ select, Alt+↑/↓ move, Delete removes,
 * Ctrl+D duplicates, Escape clears the selection.
 */
export function useNetworkShortcuts(): void {
  const store = useNetworkStore()

  function onKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey
    const key = e.key.toLowerCase()
    if (mod && !e.altKey && (key === 'z' || key === 'y') && !isTextEntry(e.target)) {
      if (key === 'y' || e.shiftKey) store.redo()
      else store.undo()
      e.preventDefault()
      return
    }
    if (isFormControl(e.target)) return
    const selected = store.selected
    const last = store.spec.layers.length - 1
    let handled = true
    if (mod && key === 'd') {
      if (selected !== null) store.duplicate(selected)
    } else if (e.key === 'Delete') {
      if (selected !== null) store.remove(selected)
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const to = selected === null ? null : selected + (e.key === 'ArrowUp' ? -1 : 1)
      if (selected !== null && to !== null && to >= 0 && to <= last) store.move(selected, to)
    } else if (!mod && !e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && last >= 0) {
      const step = e.key === 'ArrowUp' ? -1 : 1
      const from = selected ?? (step > 0 ? -1 : last + 1)
      store.select(Math.min(last, Math.max(0, from + step)))
    } else if (e.key === 'Escape' && selected !== null) {
      store.select(null)
    } else {
      handled = false
    }
    if (handled) e.preventDefault()
  }

  onMounted(() => window.addEventListener('keydown', onKey))
  onUnmounted(() => window.removeEventListener('keydown', onKey))
}
