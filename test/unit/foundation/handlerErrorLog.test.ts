import { describe, expect, it } from 'vitest'
import { handlerErrorLog } from '../../../src/main/engine/handlerErrorLog'
import { WorkbenchError } from '../../../src/shared/workbenchError'

/** What the engine writes to its log for one failed route. */
function logged(err: unknown): string[] {
  const lines: string[] = []
  handlerErrorLog('engine', (line) => lines.push(line))(err)
  return lines
}

describe('the engine log of failed routes', () => {
  it('says nothing of a cancel the person asked for', () => {
    expect(logged(new WorkbenchError('cancelled', 'Cancelled.'))).toEqual([])
    const abort = new Error('This operation was aborted')
    abort.name = 'AbortError'
    expect(logged(abort)).toEqual([])
  })

  it('writes an error meant for the person as one line, without a stack', () => {
    const lines = logged(new WorkbenchError('not-found', 'There is no folder /x.'))
    expect(lines).toEqual(['[engine] not-found: There is no folder /x.'])
  })

  it('keeps the stack of an error nobody expected', () => {
    const [line] = logged(new TypeError('x is undefined'))
    expect(line).toContain('TypeError: x is undefined')
    expect(line).toMatch(/\n\s+at /)
  })
})
