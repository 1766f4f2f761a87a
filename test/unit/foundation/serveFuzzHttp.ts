import fc from 'fast-check'

/** The server a request is aimed at, so some requests carry its real port and token. */
export interface FuzzTarget {
  port: number
  token: string
}

const ASCII_PIECES = [
  '[',
  ']',
  '%2e%2e',
  '..',
  '//',
  '\\',
  '?',
  '#',
  '&',
  '=',
  ';',
  '@',
  ':',
  '*',
  'ws',
  'index.html',
  'assets',
  'token=',
  '%5b',
  '%2f'
]
const BAD_ESCAPES = ['%', '%zz', '%c0%ae', '%00', '%ff%fe', '%e2%82']
const RAW_PIECES = ['é', '𝔘', '\u202e', '\u0000', ' ', '\t', '\x7f']

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ASCII_PIECES) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
  { weight: 2, arbitrary: fc.stringMatching(/^[\w.~!$'()*+,;=:@-]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom(...RAW_PIECES), fc.string({ unit: 'binary', maxLength: 4 }))
  }
)

/** A request target: paths full of brackets, escapes, unicode and NUL, some very long, some not paths. */
function targetArb(t: FuzzTarget): fc.Arbitrary<string> {
  const path = fc.array(piece, { maxLength: 12 }).map((ps) => '/' + ps.join(''))
  const withToken = fc
    .tuple(path, fc.boolean())
    .map(([p, tok]) => (tok ? `${p}${p.includes('?') ? '&' : '?'}token=${t.token}` : p))
  return fc.oneof(
    { weight: 8, arbitrary: withToken },
    { weight: 1, arbitrary: fc.nat({ max: 12_000 }).map((n) => '/' + 'a%['.repeat(n / 3)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '//[',
        '*',
        'http://[/',
        'http://127.0.0.1/',
        '',
        '/%',
        `/?token=${t.token}%zz`
      )
    }
  )
}

const hostArb = (t: FuzzTarget): fc.Arbitrary<string | null> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(`127.0.0.1:${t.port}`, `localhost:${t.port}`, `[::1]:${t.port}`)
    },
    { weight: 1, arbitrary: fc.constantFrom('evil.example.com', '127.0.0.1:99999999', '[::1', null) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }
  )

const cookieArb = (t: FuzzTarget): fc.Arbitrary<string | null> =>
  fc.oneof(
    fc.constantFrom(
      `cnn_workbench_token_${t.port}=${t.token}`,
      `cnn_workbench_token_${t.port}=%zz`,
      `cnn_workbench_token=${t.token}`,
      `cnn_workbench_token_1=${t.token}; cnn_workbench_token_${t.port}=wrong`,
      null
    ),
    fc.string({ maxLength: 60 })
  )

const HEADER_NAMES = [
  'Origin',
  'Authorization',
  'Accept',
  'Range',
  'X-Forwarded-For',
  'Upgrade',
  'Connection',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Extensions',
  'Expect',
  'If-None-Match'
]
const headerName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HEADER_NAMES) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][\w-]{0,19}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }
)
const headerValue = (t: FuzzTarget): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        `token ${t.token}`,
        'Bearer x',
        'http://evil.example.com',
        `http://127.0.0.1:${t.port}`,
        'null',
        'websocket',
        'Upgrade',
        '13',
        '8',
        'dGhlIHNhbXBsZSBub25jZQ==',
        'permessage-deflate; x=;;',
        '100-continue',
        'a'.repeat(9000)
      )
    },
    { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }
  )

/** A whole HTTP/1.1 request: method, target, Host, Cookie, random headers, sometimes an upgrade to /ws. */
export function httpRequestArb(t: FuzzTarget): fc.Arbitrary<string> {
  const method = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        'GET',
        'GET',
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'OPTIONS',
        'PATCH',
        'TRACE',
        'CONNECT'
      )
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) }
  )
  const upgrade = fc.record({
    path: fc.constantFrom('/ws', '/', '/ws/', '/WS'),
    version: fc.constantFrom('13', '8', '12', '')
  })
  return fc
    .record({
      method,
      target: targetArb(t),
      host: hostArb(t),
      cookie: cookieArb(t),
      upgrade: fc.option(upgrade, { freq: 4 }),
      headers: fc.array(fc.tuple(headerName, headerValue(t)), { maxLength: 5 })
    })
    .map((r) => {
      const lines = [`${r.method} ${r.upgrade ? `${r.upgrade.path}?token=${t.token}` : r.target} HTTP/1.1`]
      if (r.host !== null) lines.push(`Host: ${r.host}`)
      if (r.cookie !== null) lines.push(`Cookie: ${r.cookie}`)
      if (r.upgrade)
        lines.push(
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          `Sec-WebSocket-Version: ${r.upgrade.version}`
        )
      for (const [k, v] of r.headers) lines.push(`${k}: ${v}`)
      // Every request is complete and asks to be closed, so each exchange ends when the server answers.
      if (!r.upgrade) lines.push('Connection: close')
      return lines.join('\r\n') + '\r\n\r\n'
    })
}
