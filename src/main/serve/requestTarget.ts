/** The parts of a request's target the server looks at, decoded once and safely. */
export interface RequestTarget {
  /** The percent-decoded path, always starting with "/". */
  pathname: string
  query: URLSearchParams
}

/**
 * Splits a request target ("/path?query") without `new URL()`, which throws on targets such as "//["
 * (it reads them as a host), and decodes the path without letting a malformed escape ("%zz", "%c0%ae")
 * throw. Returns null for anything that is not a plain origin-form path, so the caller answers 400.
 */
export function parseRequestTarget(rawUrl: string | undefined): RequestTarget | null {
  const raw = rawUrl ?? '/'
  if (!raw.startsWith('/')) return null
  const hash = raw.indexOf('#')
  const withoutHash = hash === -1 ? raw : raw.slice(0, hash)
  const q = withoutHash.indexOf('?')
  const rawPath = q === -1 ? withoutHash : withoutHash.slice(0, q)
  const pathname = safeDecode(rawPath)
  if (pathname === null || pathname.includes('\0')) return null
  // URLSearchParams decodes leniently: a malformed escape stays as it was instead of throwing.
  return { pathname, query: new URLSearchParams(q === -1 ? '' : withoutHash.slice(q + 1)) }
}

/** decodeURIComponent, or null where the text is not valid percent-encoded UTF-8. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
