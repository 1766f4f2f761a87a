import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// In its own process: vitest watches its workers' uncaught errors itself.
const script = `
import { keepServingOnUncaughtErrors } from './src/main/serve/lastResort.ts'
keepServingOnUncaughtErrors()
setTimeout(() => { throw new Error('thrown from a timer\\n    at secret (/srv/app/x.ts:1:1)') })
void Promise.reject(new TypeError('rejected and never caught'))
void Promise.reject(Object.create(null))
setTimeout(() => console.log('still serving'), 50)
`

describe('serve mode’s last-resort handler', () => {
  it('logs one line per escaped error and keeps the process running', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('still serving')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toEqual([
      '[serve] unhandled rejection, still serving: TypeError: rejected and never caught',
      '[serve] unhandled rejection, still serving: a value that cannot be printed',
      '[serve] uncaught error, still serving: Error: thrown from a timer'
    ])
  })
})
