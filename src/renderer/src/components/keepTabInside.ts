/**
 * Keeps Tab and Shift+Tab inside an open modal dialog: from its last control Tab wraps to the first and
 * back, so a keyboard user never lands on the page hidden behind it. Call from the dialog's keydown.
 */
export function keepTabInside(dialog: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href], [tabindex="0"]')
  ].filter((el) => !el.hasAttribute('disabled') && el.offsetParent !== null)
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  const inside = dialog.contains(document.activeElement)
  if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog || !inside)) {
    e.preventDefault()
    last?.focus()
  } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
    e.preventDefault()
    first?.focus()
  }
}
