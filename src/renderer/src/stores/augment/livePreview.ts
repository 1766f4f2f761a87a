import { ref, shallowRef, type Ref } from 'vue'
import type { RouteInput, RouteOutput } from '../../../../shared/contract'
import type { InputShape } from '../../../../shared/datasetSchemas'
import { useClient } from '../../client'
import { decodeBase64Pixels } from '../../domain/base64Pixels'
import { usePreviewRequests } from './usePreviewRequests'
import { messageOf } from '../../errorMessage'

export type PreviewInput = RouteInput<'augment.preview'>

export interface PreviewImage {
  index: number
  label: number
  original: Uint8Array
  variants: { epoch: number; pixels: Uint8Array; label: string }[]
}

export interface Preview {
  input: InputShape
  images: PreviewImage[]
}

/** The contract's base64 answer as raw pixels the canvases paint. */
export function decodePreview(out: RouteOutput<'augment.preview'>): Preview {
  return {
    input: out.input,
    images: out.images.map((im) => ({
      index: im.index,
      label: im.label,
      original: decodeBase64Pixels(im.original),
      variants: im.variants.map((v) => ({
        epoch: v.epoch,
        pixels: decodeBase64Pixels(v.pixels),
        label: v.label
      }))
    }))
  }
}

/**
 * The last preview the engine drew for `input`, with how long the engine took (`serverMs`) and how long
 * the whole request took (`roundTripMs`). Requests are coalesced, so a dragged slider never queues up.
 */
export function createLivePreview(input: Readonly<Ref<PreviewInput | null>>) {
  const preview = shallowRef<Preview | null>(null)
  const error = ref<string | null>(null)
  const serverMs = ref<number | null>(null)
  const roundTripMs = ref<number | null>(null)

  const requests = usePreviewRequests<PreviewInput, RouteOutput<'augment.preview'>>({
    key: (i) => JSON.stringify(i),
    send: (i) => useClient().call('augment.preview', i),
    onResult(out, _input, ms) {
      preview.value = decodePreview(out)
      serverMs.value = out.ms
      roundTripMs.value = ms
      error.value = null
    },
    onError(err) {
      error.value = messageOf(err)
    }
  })

  /** Asks for the current input (nothing while it is null); `force` draws again even if nothing changed. */
  function refresh(force = false): void {
    if (input.value) requests.request(input.value, { force })
  }

  function clear(): void {
    requests.reset()
    preview.value = null
    error.value = null
  }

  return { preview, error, serverMs, roundTripMs, refresh, clear, settled: () => requests.settled() }
}
