import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  desktopUnavailableSentence,
  downloadErrorOf,
  electronBinaryPath
} from '../../../scripts/electronBinary.mjs'

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env
const hasBinary = electronBinaryPath() !== null
const SENTENCE =
  /^The desktop app is unavailable on this machine \(.+\); serve mode \("npm run serve"\) and the command line \("npm run cli"\) work\.$/

describe('installing where the Electron binary cannot be downloaded', () => {
  it.skipIf(hasBinary)(
    'the install step ends with exit 0 and one sentence',
    async () => {
      const { code, stdout, stderr } = await run(process.execPath, ['scripts/postinstall.mjs'], env)
      expect(code).toBe(0)
      const lines = (stdout + stderr).split('\n').filter(Boolean)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(SENTENCE)
    },
    300_000
  )

  it.skipIf(hasBinary)(
    'npm start says the same sentence and exits non-zero, with no stack trace',
    async () => {
      const { code, stderr } = await run('npm', ['start', '--silent'], env)
      expect(code).not.toBe(0)
      const lines = stderr.split('\n').filter(Boolean)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(SENTENCE)
      expect(stderr).not.toMatch(/^\s+at /m)
    },
    120_000
  )

  it("keeps the download's own reason, in a few words", () => {
    const output = `RequestError: getaddrinfo ENOTFOUND github.com
    at ClientRequest.<anonymous> (/app/node_modules/got/dist/source/core/index.js:970:111)`
    expect(downloadErrorOf(output)).toBe('getaddrinfo ENOTFOUND github.com')
    expect(desktopUnavailableSentence('x')).toMatch(SENTENCE)
  })
})
