/**
 * A deep copy made only of what structured clone and JSON both carry: plain objects, arrays, primitives,
 * binary data and dates. Whatever the caller passes (Vue's reactive proxies included, which Electron's IPC
 * refuses with "An object could not be cloned") arrives on the other side as plain data. Functions, class
 * instances and symbols are refused with the path where they were found, instead of failing further on.
 */
export function toPlainData(value: unknown, at = 'input'): unknown {
  if (value === null || value === undefined) return value
  const kind = typeof value
  if (kind === 'string' || kind === 'number' || kind === 'boolean') return value
  if (kind !== 'object') throw new TypeError(`${at} is a ${kind}, which cannot be sent to the engine.`)
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value
  if (value instanceof Date) return new Date(value.getTime())
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value
  if (Array.isArray(value)) return value.map((item, i) => toPlainData(item, `${at}[${i}]`))
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object'
    throw new TypeError(`${at} is a ${name}, which cannot be sent to the engine.`)
  }
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value))
    copy[key] = toPlainData((value as Record<string, unknown>)[key], `${at}.${key}`)
  return copy
}
