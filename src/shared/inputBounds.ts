/**
 * How deep and how large a request's input may be. No route takes input nested more than about ten
 * levels (a project holds a network holds layers holds kernel sizes), nor anywhere near a megabyte; the
 * bounds are generous for real requests and stop hostile ones before anything parses, copies or
 * serializes them (a structured clone of input 4,000 levels deep overflows the stack).
 */
export const INPUT_LIMITS = { maxDepth: 64, maxBytes: 1024 * 1024 } as const

export type InputLimits = { maxDepth: number; maxBytes: number }

const SCALAR_BYTES = 8

/**
 * A sentence saying why `value` is outside the bounds, or null when it is within them. The walk keeps
 * its own stack (never recursion) and stops at the first bound crossed, so input of any shape (deep,
 * wide, shared or even cyclic, which is infinitely deep) costs at most the bounds to check. The size is
 * an estimate in the spirit of its JSON text: characters of strings and keys, 8 per other value.
 */
export function inputBoundsProblem(value: unknown, limits: InputLimits = INPUT_LIMITS): string | null {
  const stack: [unknown, number][] = [[value, 1]]
  let bytes = 0
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (depth > limits.maxDepth)
      return `The request is nested more than ${limits.maxDepth} levels deep; no request needs that.`
    bytes += sizeOf(item)
    if (bytes > limits.maxBytes)
      return `The request is larger than ${formatBytes(limits.maxBytes)}; no request needs that much.`
    for (const child of childrenOf(item)) {
      if (typeof child === 'string') bytes += child.length
      else stack.push([child, depth + 1])
      if (bytes > limits.maxBytes)
        return `The request is larger than ${formatBytes(limits.maxBytes)}; no request needs that much.`
    }
  }
  return null
}

function sizeOf(item: unknown): number {
  if (typeof item === 'string') return item.length
  if (ArrayBuffer.isView(item)) return item.byteLength
  if (item instanceof ArrayBuffer) return item.byteLength
  return SCALAR_BYTES
}

/** What a container holds; object keys count as strings (they cost what their text costs). */
function childrenOf(item: unknown): unknown[] {
  if (item === null || typeof item !== 'object') return []
  if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) return []
  if (Array.isArray(item)) return item
  if (item instanceof Map) return [...item.keys(), ...item.values()]
  if (item instanceof Set) return [...item.values()]
  return Object.entries(item).flat()
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`
}
