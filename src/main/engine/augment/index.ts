export {
  augmentBatch,
  augmentBatchWithParams,
  drawBatchParams,
  type AugmentKey,
  type AugmentRun
} from './augmentBatch'
export {
  augmentPreview,
  type AugmentPreviewRequest,
  type AugmentPreviewResult,
  type AugmentPreviewVariant
} from './augmentPreview'
export { batchToPixels, pixelsToBatch, type ImageShape } from './pixelBatch'
export { describeParams, drawParams, type DrawnParams } from '../../../shared/augment'
