import type { InsightImage, InsightModel } from '../../../../shared/routes/insightRoutes'

/** What the inspector is opened on: a model and one image, with a caption saying where it came from. */
export interface InsightTarget {
  model: InsightModel
  image: InsightImage
  caption?: string
}
