import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { safeDecode, type RequestTarget } from './requestTarget'

/**
 * The token cookie's name for the instance on `port`. Browsers share cookies between all ports of a
 * host, so one fixed name let a second instance (or any local service) receive this one's token and
 * overwrite it. `__Host-` would add nothing here: it needs `Secure`, which plain http:// cannot set.
 */
export function tokenCookieName(port: number): string {
  return `cnn_workbench_token_${port}`
}
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** The host name part of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostName(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase())
  return m?.[1] ?? null
}

/**
 * A Host header must name loopback or the configured host: this defeats DNS rebinding, where a
 * foreign page resolves its own name to 127.0.0.1 to reach a local server.
 */
export function isAllowedHost(hostHeader: string | undefined, configuredHost: string): boolean {
  const name = hostName(hostHeader)
  if (!name) return false
  return LOOPBACK_NAMES.has(name) || name === configuredHost.toLowerCase()
}

/** A browser page of another site must not open our WebSocket; tools that send no Origin may. */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  configuredHost: string
): boolean {
  if (origin === undefined) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return (
    url.host.toLowerCase() === (hostHeader ?? '').toLowerCase() && isAllowedHost(url.host, configuredHost)
  )
}

/**
 * The token from `?token=`, the `Authorization: token …` header, or this instance's cookie set on the
 * first visit. A cookie whose value is not valid percent-encoding counts as a wrong token.
 */
export function tokenFromRequest(
  req: IncomingMessage,
  target: RequestTarget,
  cookieName: string
): string | null {
  const fromQuery = target.query.get('token')
  if (fromQuery) return fromQuery
  const auth = req.headers.authorization
  const m = auth ? /^(?:token|bearer)\s+(\S+)$/i.exec(auth) : null
  if (m?.[1]) return m[1]
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === cookieName) return safeDecode(v.join('=')) ?? ''
  }
  return null
}

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string }

export interface AccessPolicy {
  token: string
  configuredHost: string
  cookieName: string
}

/** 401 when no token came, 403 for a wrong one or a foreign Host: the same answers Jupyter gives. */
export function checkRequest(
  req: IncomingMessage,
  target: RequestTarget,
  policy: AccessPolicy
): AccessVerdict {
  const { token, configuredHost, cookieName } = policy
  if (!isAllowedHost(req.headers.host, configuredHost)) {
    return { ok: false, status: 403, reason: 'Host header is not allowed.' }
  }
  const given = tokenFromRequest(req, target, cookieName)
  if (given === null)
    return { ok: false, status: 401, reason: 'A token is required: open the URL printed by the server.' }
  if (!tokensMatch(given, token)) return { ok: false, status: 403, reason: 'Wrong token.' }
  return { ok: true }
}
