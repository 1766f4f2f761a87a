/**
 * tfjs's cpu backend greets on its first tensor in Node ("Hi, looks like you are running TensorFlow.js
 * in Node.js…", pointing at tfjs-node). The app says itself which backend it computes on and why each
 * faster one did not load (selectBackend), so the greeting is noise in every command's output, the
 * engine's log and the tests'. The backend prints it while its `firstUse` field is true; making that field
 * always false on the backend's class silences exactly this message, for every instance tfjs creates (it
 * makes a new one whenever it initialises its backends). tfjs's production mode would silence all its
 * warnings, among them why a backend failed to initialise, which selectBackend reads.
 *
 * Given one instance of the cpu backend; needs no tfjs import of its own (see test/support/quietTfjs.ts).
 */
export function silenceCpuGreeting(cpuBackend: object | null): void {
  const prototype: object | null = cpuBackend ? Object.getPrototypeOf(cpuBackend) : null
  if (!cpuBackend || !prototype || !('firstUse' in cpuBackend)) return
  if (!Object.getOwnPropertyDescriptor(prototype, 'firstUse')) {
    Object.defineProperty(prototype, 'firstUse', {
      get: () => false,
      set: () => undefined,
      configurable: true
    })
  }
  // An instance made before the class had the accessor holds its own `firstUse`.
  Reflect.deleteProperty(cpuBackend, 'firstUse')
}
