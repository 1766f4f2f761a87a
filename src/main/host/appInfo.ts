import { readFileSync } from 'node:fs'
import type { Handlers } from '../../shared/dispatch'
import type { EngineHost } from './engineHost'

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/** `app.info`, answered by the shell because only it knows how the app was started. */
export function appInfoHandler(
  mode: 'desktop' | 'serve',
  dataRoot: string,
  engine: EngineHost,
  version = readVersion()
): Handlers['app.info'] {
  return async () => ({
    version,
    mode,
    dataRoot,
    engine: { state: engine.state, pid: engine.pid, restarts: engine.restarts }
  })
}
