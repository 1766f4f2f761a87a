export { augmentBatch } from './augmentBatch'
export { augmentPreview } from './augmentPreview'
export { batchToPixels, pixelsToBatch } from './pixelBatch'
