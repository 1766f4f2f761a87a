import type { Handlers } from '../../shared/dispatch'
import packageJson from '../../../package.json'
import type { EngineHost } from './engineHost'

/** `app.info`, answered by the shell because only it knows how the app was started. */
export function appInfoHandler(
  mode: 'desktop' | 'serve',
  dataRoot: string,
  engine: EngineHost,
  version = packageJson.version
): Handlers['app.info'] {
  return async () => ({
    version,
    mode,
    dataRoot,
    engine: {
      state: engine.state,
      pid: engine.pid,
      restarts: engine.restarts,
      ...(engine.failure ? { message: engine.failure } : {})
    }
  })
}
