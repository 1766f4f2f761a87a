import * as tf from '@tensorflow/tfjs'
import { silenceCpuGreeting } from './cpuGreeting'

/**
 * Imported for its effect by backend selection and the CLI's entry: from then on tfjs's "running
 * TensorFlow.js in Node.js" greeting is never printed (see cpuGreeting).
 */
silenceCpuGreeting(tf.findBackend('cpu'))
