import { silenceCpuGreeting } from '../../src/main/engine/backend/cpuGreeting'

/*
 * Unit tests import engine modules one by one rather than through an entry point that imports
 * tfjsGreeting, so the same silencing is applied here, the moment tfjs creates its engine, without
 * loading tfjs (a test checks that the engine's main thread never does). tfjs-core keeps its engine in
 * the global `_tfengine`; the cpu backend registers itself on that engine right after.
 */
interface EngineLike {
  registerBackend(name: string, factory: () => unknown, priority?: number): boolean
}

Object.defineProperty(globalThis, '_tfengine', {
  configurable: true,
  get: () => undefined,
  set(engine: EngineLike) {
    Object.defineProperty(globalThis, '_tfengine', { value: engine, writable: true, configurable: true })
    const register = engine.registerBackend.bind(engine)
    engine.registerBackend = (name, factory, priority) =>
      register(
        name,
        name === 'cpu'
          ? () => {
              const backend = factory() as object
              silenceCpuGreeting(backend)
              return backend
            }
          : factory,
        priority
      )
  }
})
