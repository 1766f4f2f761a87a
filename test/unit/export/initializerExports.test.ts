import { describe, expect, it } from 'vitest'
import {
  generateKerasScript,
  generatePytorchModule,
  type PreprocessingManifest
} from '../../../src/shared/export'
import { buildTemplate } from '../../../src/shared/network'
import { deepMnistNetwork } from '../../../src/shared/training'

const input = { height: 28, width: 28, channels: 1 as const }
const manifest: PreprocessingManifest = {
  input,
  resize: 'stretch',
  normalization: 'x/255',
  classes: Array.from({ length: 10 }, (_, i) => String(i)),
  output: 'probabilities'
}

describe('exports carry the initializers where a network is trained from scratch', () => {
  it('Keras layers get kernel_initializer and bias_initializer', () => {
    const script = generateKerasScript(deepMnistNetwork(input, 10), manifest)
    const layers = script.split('\n').filter((l) => /layers\.(Conv2D|Dense)\(/.test(l))
    expect(layers).toHaveLength(4)
    for (const line of layers) {
      expect(line).toContain('kernel_initializer=keras.initializers.TruncatedNormal(mean=0, stddev=0.1)')
      expect(line).toContain('bias_initializer=keras.initializers.Constant(0.1)')
    }
  })

  it('the PyTorch module applies them when it is built', () => {
    const script = generatePytorchModule(deepMnistNetwork(input, 10), manifest)
    expect(script).toContain('    "L0_conv2d": (("truncated_normal", 0, 0.1), ("constant", 0.1)),')
    expect(script).toContain('    "L7_dense": (("truncated_normal", 0, 0.1), ("constant", 0.1)),')
    expect(script).toMatch(/super\(\).__init__\(\)\n[\s\S]*?\n {8}_initialize\(self\.net\)\n/)
  })

  it('a spec without initializers exports exactly as before', () => {
    const spec = buildTemplate('lecture', input, 10)
    expect(generateKerasScript(spec, manifest)).not.toContain('initializer')
    expect(generatePytorchModule(spec, manifest)).not.toContain('INITIALIZERS')
  })
})
