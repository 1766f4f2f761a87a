import { computed, shallowRef, type ShallowRef } from 'vue'

export const HISTORY_LIMIT = 200

// The state is plain JSON, and JSON cloning also unwraps Vue's reactive proxies (structuredClone cannot).
export const jsonClone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** How the history reads the state it keeps and puts a kept state back. */
export interface EditedState<S> {
  read: () => S
  restore: (s: S) => void
}

/**
 * Undo and redo over a JSON state: `edit` changes a copy and records the state before it only if
 * something changed (up to HISTORY_LIMIT steps); a new edit clears redo.
 */
export function createEditHistory<S>({ read, restore }: EditedState<S>) {
  // Snapshots are never edited in place, so the history needs no deep reactivity.
  const past = shallowRef<S[]>([])
  const future = shallowRef<S[]>([])
  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)

  const snapshot = (): S => jsonClone(read())

  /** Applies an edit to a copy; records it only if something changed. */
  function edit(change: (draft: S) => void): void {
    const before = snapshot()
    const draft = jsonClone(before)
    change(draft)
    if (JSON.stringify(draft) === JSON.stringify(before)) return
    past.value = [...past.value, before].slice(-HISTORY_LIMIT)
    future.value = []
    restore(draft)
  }

  /** Takes the last state of `from` back, keeping the state it replaces on `to`. */
  function step(from: ShallowRef<S[]>, to: ShallowRef<S[]>): void {
    const target = from.value[from.value.length - 1]
    if (!target) return
    from.value = from.value.slice(0, -1)
    to.value = [...to.value, snapshot()]
    restore(target)
  }

  const undo = (): void => step(past, future)
  const redo = (): void => step(future, past)

  return { canUndo, canRedo, edit, undo, redo }
}
