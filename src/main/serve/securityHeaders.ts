import { STATUS_CODES, type ServerResponse } from 'node:http'

/**
 * The headers every reply carries, the app's page and every refusal alike: no sniffing a text reply
 * into a script, no framing, no referrer (the first URL carries the token), nothing another origin
 * may embed, and nothing cached.
 */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store'
}

/** The app's own pages: scripts and styles from the server, the WebSocket to the server. */
export function appPageCsp(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'"
  ].join('; ')
}

/** Refusals and errors are plain text that needs nothing at all. */
export const NOTHING_ALLOWED_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export function securityHeaders(csp: string = NOTHING_ALLOWED_CSP): Record<string, string> {
  return { ...COMMON_HEADERS, 'content-security-policy': csp }
}

/** A plain-text reply (a refusal or an error) with every security header. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {}
): void {
  res
    .writeHead(status, {
      ...securityHeaders(),
      'content-type': 'text/plain; charset=utf-8',
      ...extra
    })
    .end(text + '\n')
}

/**
 * The same reply written straight to a socket, for refusing a WebSocket upgrade or a request the HTTP
 * parser could not read (there is no ServerResponse then).
 */
export function rawTextReply(status: number, text: string, extra: Record<string, string> = {}): string {
  const body = text + '\n'
  const headers: Record<string, string> = {
    ...securityHeaders(),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...extra
  }
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}
