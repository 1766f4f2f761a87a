import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkRequest, type AccessPolicy } from './accessControl'
import { parseRequestTarget } from './requestTarget'
import { appPageCsp, securityHeaders, sendText } from './securityHeaders'
import { readStaticFile } from './staticFiles'

export interface HttpContext {
  rendererDir: string
  /** Read per request: the cookie's name needs the port, known only once the server listens. */
  policy: () => AccessPolicy
  log: (line: string) => void
}

/**
 * Serves the built renderer behind the token. Whatever a request holds, it gets an answer with the
 * security headers: a malformed target is a 400, and anything that still throws is logged as one line
 * and answered with a 500 that says nothing about the server's insides.
 */
export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(req, res, ctx).catch((err: unknown) => {
      ctx.log(
        `[serve] ${req.method ?? '?'} request failed: ${err instanceof Error ? err.message : String(err)}`
      )
      if (!res.headersSent) sendText(res, 500, 'The server could not answer this request.')
      else res.destroy()
    })
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  const target = parseRequestTarget(req.url)
  if (!target) return sendText(res, 400, 'The request path is not valid.')
  const policy = ctx.policy()
  const verdict = checkRequest(req, target, policy)
  if (!verdict.ok) return sendText(res, verdict.status, verdict.reason)
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendText(res, 405, 'Only GET and HEAD are served here.', { allow: 'GET, HEAD' })
  const file = await readStaticFile(ctx.rendererDir, target.pathname)
  if (!file) return sendText(res, 404, 'The app is not built: run `npm run build:app`.')
  res.writeHead(200, {
    ...securityHeaders(appPageCsp(req.headers.host ?? policy.configuredHost)),
    'content-type': file.contentType,
    // The page's own scripts and its WebSocket carry the token from here on, without it in every URL.
    'set-cookie': `${policy.cookieName}=${encodeURIComponent(policy.token)}; HttpOnly; SameSite=Strict; Path=/`
  })
  res.end(req.method === 'HEAD' ? undefined : file.body)
}
