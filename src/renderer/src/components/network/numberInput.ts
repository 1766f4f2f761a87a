/** What a number input holds; an empty or unreadable one is "no value", so the summary can say what is missing. */
export function readNumberInput(el: HTMLInputElement): number | null {
  return el.value.trim() === '' || Number.isNaN(el.valueAsNumber) ? null : el.valueAsNumber
}
