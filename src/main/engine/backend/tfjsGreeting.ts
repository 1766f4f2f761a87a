import * as tf from '@tensorflow/tfjs'

/**
 * tfjs's cpu backend greets on its first tensor in Node ("Hi, looks like you are running TensorFlow.js
 * in Node.js…", pointing at tfjs-node). The app says itself which backend it computes on and why each
 * faster one did not load (selectBackend), so the greeting is noise in every command's output and in
 * the engine's log. The backend prints it while its `firstUse` field is true; making that field always
 * false on the backend's class silences exactly this message, for every instance tfjs creates (it makes
 * a new one whenever it initialises its backends). tfjs's production mode would silence all its warnings,
 * among them why a backend failed to initialise, which selectBackend reads.
 */
export function silenceTfjsGreeting(): void {
  const cpu = tf.findBackend('cpu')
  const prototype: object | null = cpu ? Object.getPrototypeOf(cpu) : null
  if (!prototype || Object.getOwnPropertyDescriptor(prototype, 'firstUse')) return
  Object.defineProperty(prototype, 'firstUse', { get: () => false, set: () => undefined, configurable: true })
  // The instance just made holds its own `firstUse`, set before the class had the accessor.
  Reflect.deleteProperty(cpu as object, 'firstUse')
}

silenceTfjsGreeting()
