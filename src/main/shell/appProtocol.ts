import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DESKTOP_CSP } from './windowOptions'
import { contentTypeOf } from '../serve/contentTypes'

/**
 * The renderer is served from app://workbench/ instead of file://: a standard, secure scheme gives the
 * page a real origin (file:// pages share one with every file on disk), and every response carries the CSP.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'workbench'
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Passed to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  bypassCSP: false
} as const

/** The file an app:// URL names inside the renderer folder, or null for anything outside it. */
export function appFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let relative: string
  try {
    relative = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (relative.includes('\0')) return null
  const root = path.resolve(rendererDir)
  const file = path.resolve(root, `.${relative === '/' ? '/index.html' : relative}`)
  return file.startsWith(root + path.sep) ? file : null
}

export interface AppResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array | string
}

const HEADERS = {
  'Content-Security-Policy': DESKTOP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin'
}

/** The answer to one app:// request; Electron's protocol handler wraps it in a Response. */
export async function appResponse(
  url: string,
  rendererDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile
): Promise<AppResponse> {
  const file = appFileFor(url, rendererDir)
  const plain = (status: number, text: string): AppResponse => ({
    status,
    headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: text
  })
  if (file === null) return plain(404, 'Not part of the app.')
  try {
    const body = await read(file)
    const type = contentTypeOf(file)
    return { status: 200, headers: { ...HEADERS, 'Content-Type': type }, body }
  } catch {
    return plain(404, 'Not found.')
  }
}
