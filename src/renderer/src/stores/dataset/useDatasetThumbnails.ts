import { shallowReactive, shallowRef } from 'vue'
import type { InputShape } from '../../../../shared/datasetSchemas'
import { useClient } from '../../client'
import { decodeBase64Pixels } from '../../domain/base64Pixels'
import { messageOf } from '../../errorMessage'

const BATCH = 500

/**
 * Raw pixels of dataset images by index, fetched on demand and kept, so clicking between confusion
 * cells asks only for images not seen yet.
 */
export function useDatasetThumbnails() {
  const pixels = shallowReactive(new Map<number, Uint8Array>())
  const input = shallowRef<InputShape | null>(null)
  const error = shallowRef<string | null>(null)
  const asked = new Set<number>()

  async function load(indexes: readonly number[]): Promise<void> {
    const missing = indexes.filter((i) => !asked.has(i))
    missing.forEach((i) => asked.add(i))
    for (let start = 0; start < missing.length; start += BATCH) {
      const chunk = missing.slice(start, start + BATCH)
      try {
        const answer = await useClient().call('dataset.thumbnails', { indexes: chunk })
        input.value = answer.input
        for (const im of answer.images) pixels.set(im.index, decodeBase64Pixels(im.pixels))
      } catch (err) {
        chunk.forEach((i) => asked.delete(i))
        error.value = messageOf(err)
      }
    }
  }

  function clear(): void {
    pixels.clear()
    asked.clear()
    input.value = null
    error.value = null
  }

  return { pixels, input, error, load, clear }
}

export type DatasetThumbnails = ReturnType<typeof useDatasetThumbnails>
