import nativeSharp from 'sharp'
import { expect, it } from 'vitest'
import { DecoderUnavailableError, imageDecoder, sharp } from '../../../src/main/engine/dataset/imageDecoder'

it('refuses to decode rather than run native sharp where wasm was chosen but native is already loaded', async () => {
  // This test file imported native sharp above, as a stray import elsewhere in the engine would.
  expect(typeof nativeSharp).toBe('function')
  process.env.CNN_WORKBENCH_IMAGE_DECODER = 'wasm'
  expect(imageDecoder().kind).toBe('wasm')
  expect(() => sharp(Buffer.alloc(8))).toThrow(DecoderUnavailableError)
  expect(() => sharp()).toThrow(/native sharp was already loaded in this process/)
})
