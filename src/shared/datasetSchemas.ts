import { z } from 'zod'

/** How every image is converted into the dataset's input tensor. */
export const InputShape = z.object({
  height: z.number().int().min(1).max(1024),
  width: z.number().int().min(1).max(1024),
  channels: z.union([z.literal(1), z.literal(3)])
})
export type InputShape = z.infer<typeof InputShape>

export const ResizeMode = z.enum(['stretch', 'letterbox', 'centre-crop'])
export type ResizeMode = z.infer<typeof ResizeMode>

export const SplitName = z.enum(['train', 'val', 'test'])
export type SplitName = z.infer<typeof SplitName>

/** A share of the images, 0–1 (the app's form shows it in per cent). */
const Share = (what: string) =>
  z
    .number({ error: `the ${what} share must be a number` })
    .min(0, { error: `the ${what} share cannot be below 0 %` })
    .max(1, { error: `the ${what} share cannot be above 100 %` })

export const SplitFractions = z
  .object({ train: Share('training'), val: Share('validation'), test: Share('test') })
  .refine((s) => Math.abs(s.train + s.val + s.test - 1) < 1e-6, 'split fractions must add up to 1')
export type SplitFractions = z.infer<typeof SplitFractions>

/** What the user asks for when opening a dataset; every field is optional and defaults from the data. */
/** A side of the input images in pixels, with messages a person can act on. */
const Side = (what: string) =>
  z
    .number({ error: `${what} must be a number of pixels` })
    .int({ error: `${what} must be a whole number of pixels` })
    .min(1, { error: `${what} must be at least 1 pixel` })
    .max(1024, { error: `${what} can be at most 1024 pixels` })

export const DatasetOpenOptions = z.object({
  /** Square size shorthand (`--size 28`); height/width win when given. */
  size: Side('the size').optional(),
  height: Side('the height').optional(),
  width: Side('the width').optional(),
  channels: z
    .union([z.literal(1), z.literal(3)], { error: 'channels must be 1 (greyscale) or 3 (RGB)' })
    .optional(),
  resize: ResizeMode.optional(),
  seed: z
    .number({ error: 'the seed must be a number' })
    .int({ error: 'the seed must be a whole number' })
    .optional(),
  split: SplitFractions.optional()
})
export type DatasetOpenOptions = z.infer<typeof DatasetOpenOptions>

/** `dataset.open` source: a folder on the backend's machine, or the built-in MNIST sample. */
export const DatasetSource = z.union([
  z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
  z.object({ kind: z.literal('mnist') })
])
export type DatasetSource = z.infer<typeof DatasetSource>

export const ClassReport = z.object({
  name: z.string(),
  count: z.number().int(),
  splits: z.object({ train: z.number().int(), val: z.number().int(), test: z.number().int() })
})

export const SkippedFile = z.object({ path: z.string(), reason: z.string() })

/** The public import report (`cnn-workbench dataset inspect --json` prints exactly this). */
export const ImportReport = z.object({
  source: z.string(),
  classes: z.array(ClassReport),
  skipped: z.array(SkippedFile),
  warnings: z.array(z.string()),
  input: InputShape,
  resize: ResizeMode,
  seed: z.number().int(),
  splitSource: z.enum(['folders', 'seeded']),
  total: z.number().int(),
  /** "WxH" of original images → how many images had it; the ten most common. */
  sizes: z.array(z.object({ width: z.number().int(), height: z.number().int(), count: z.number().int() })),
  /** The sizes left out of `sizes` (present only when some are): how many sizes, holding how many images. */
  otherSizes: z.object({ distinct: z.number().int(), count: z.number().int() }).optional(),
  fromCache: z.boolean(),
  seconds: z.number()
})
export type ImportReport = z.infer<typeof ImportReport>

/** One image of an opened dataset, as the grid and the detail view see it. */
export const DatasetItem = z.object({
  index: z.number().int(),
  label: z.number().int(),
  split: SplitName,
  path: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string()
})
export type DatasetItem = z.infer<typeof DatasetItem>
