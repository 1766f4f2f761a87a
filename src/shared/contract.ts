import { z } from 'zod'
import { AugmentSpec } from './augment/augmentSpec'
import type { EventName, RouteName } from './contractNames'
import { ExportDescription, ExportFormat, PreprocessingManifest } from './export/exportManifest'
import { NetworkSpec } from './network/networkSpec'
import { ProjectContent, ProjectFile, ProjectName, RecentProject } from './project/projectSchema'
import {
  EvaluationJson,
  MetricsLine,
  RunJson,
  RunStatus,
  TrainingProgress,
  TrainingSettings
} from './training'
import {
  DatasetItem,
  DatasetOpenOptions,
  DatasetSource,
  ImportReport,
  InputShape,
  SplitName
} from './datasetSchemas'

/** Long operations carry a caller-chosen id, so progress events can be matched and the work cancelled. */
const OpId = z.string().min(1).max(100)

const Empty = z.object({}).strict()

export const ComputeBackendName = z.enum(['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'])

export const EngineState = z.enum(['starting', 'ready', 'crashed', 'restarting'])

/** A project as the engine holds it open: its folder, its file, and where its runs go. */
const OpenProject = z.object({
  folder: z.string(),
  project: ProjectFile,
  runsDir: z.string(),
  /** The version the file had when opened, when it was older (it is rewritten as current on the next save). */
  migratedFrom: z.number().int().nullable()
})

const ProjectFolder = z.string().min(1, { error: 'give the project folder' })

const DatasetFilter = z.object({
  split: SplitName.optional(),
  label: z.number().int().min(0).optional()
})

/** Originals of some dataset images, each with augmented variants (raw uint8 HWC pixels as base64). */
const AugmentedImages = z.object({
  input: InputShape,
  ms: z.number(),
  images: z.array(
    z.object({
      index: z.number().int(),
      label: z.number().int(),
      original: z.string(),
      variants: z.array(
        z.object({ epoch: z.number().int(), pixels: z.string(), label: z.string(), params: z.unknown() })
      )
    })
  )
})

const EvaluationWithPredictions = EvaluationJson.extend({
  /** Every evaluated image, so a confusion-matrix cell can show its images. */
  predictions: z.array(
    z.object({
      index: z.number().int(),
      trueLabel: z.number().int(),
      predicted: z.number().int(),
      confidence: z.number()
    })
  )
})

/** A TF.js model folder on the engine's side: an export (model.json, weights.bin, preprocessing.json). */
const ModelFolder = z.object({ modelDir: z.string().min(1, { error: 'give the model folder' }) })

export const routes = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'serve']),
      dataRoot: z.string(),
      engine: z.object({ state: EngineState, pid: z.number().nullable(), restarts: z.number().int() })
    })
  },
  /** Desktop only: the native folder picker. Serve mode answers with an error and the UI browses instead. */
  'dialog.openFolder': {
    input: Empty,
    output: z.object({ path: z.string().nullable() })
  },
  'files.list': {
    input: z.object({ path: z.string().optional() }),
    output: z.object({
      root: z.string(),
      path: z.string(),
      parent: z.string().nullable(),
      entries: z.array(z.object({ name: z.string(), path: z.string() })),
      imageCount: z.number().int()
    })
  },
  'dataset.open': {
    input: z.object({
      source: DatasetSource,
      options: DatasetOpenOptions.default({}),
      opId: OpId.optional()
    }),
    output: z.object({ report: ImportReport, classNames: z.array(z.string()) })
  },
  'dataset.current': {
    input: Empty,
    output: z.object({ report: ImportReport, classNames: z.array(z.string()) }).nullable()
  },
  'dataset.items': {
    input: DatasetFilter.extend({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(2000)
    }),
    output: z.object({ total: z.number().int(), items: z.array(DatasetItem) })
  },
  /** Raw uint8 HWC pixels, base64, so the grid can paint thousands of small images without PNG round trips. */
  'dataset.thumbnails': {
    input: z.object({ indexes: z.array(z.number().int().min(0)).max(2000) }),
    output: z.object({
      input: InputShape,
      images: z.array(z.object({ index: z.number().int(), pixels: z.string() }))
    })
  },
  'dataset.image': {
    input: z.object({ index: z.number().int().min(0) }),
    output: z.object({ item: DatasetItem, className: z.string(), png: z.string() })
  },
  'op.cancel': {
    input: z.object({ opId: OpId }),
    output: z.object({ cancelled: z.boolean() })
  },
  /** Which compute backend training runs on (the training thread's choice), and why each better one was not used. */
  'engine.backend': {
    input: Empty,
    output: z.object({
      name: z.string(),
      description: z.string(),
      attempts: z.array(
        z.object({ name: z.string(), ok: z.boolean(), reason: z.string().optional(), ms: z.number() })
      )
    })
  },
  /**
   * Originals and augmented variants of a few images of the open dataset. Variant v of image i is what
   * training feeds that image at epoch `epoch + v`.
   */
  'augment.preview': {
    input: z.object({
      spec: AugmentSpec,
      seed: z.number().int(),
      epoch: z.number().int().min(0).default(0),
      variants: z.number().int().min(0).max(16),
      /** Dataset indexes to show; when absent, `count` images spread over the classes, chosen by `pickSeed`. */
      indexes: z.array(z.number().int().min(0)).max(32).optional(),
      count: z.number().int().min(1).max(32).default(8),
      pickSeed: z.number().int().default(0)
    }),
    output: AugmentedImages
  },
  /**
   * Batch `batch` of epoch `epoch` (both from 0) exactly as training with this seed, batch size and image
   * limit sees it: the same images in the same order, each with one variant drawn for that epoch.
   */
  'augment.trainingBatch': {
    input: z.object({
      spec: AugmentSpec,
      seed: z.number().int(),
      epoch: z.number().int().min(0),
      batch: z.number().int().min(0),
      batchSize: z.number().int().min(1).max(256),
      trainLimit: z.number().int().min(1).optional()
    }),
    output: AugmentedImages.extend({ batchesPerEpoch: z.number().int() })
  },
  /** Trains the open dataset in the engine; progress arrives as `training.progress` events. */
  'training.start': {
    input: z.object({
      settings: TrainingSettings.default(TrainingSettings.parse({})),
      network: NetworkSpec,
      augment: AugmentSpec.nullable().default(null),
      /** Forces a compute backend for this run; by default the engine's best one. */
      backend: ComputeBackendName.optional(),
      /** Start from an exported TF.js model's weights (same network and classes) instead of seeded ones. */
      initialWeights: ModelFolder.optional()
    }),
    output: z.object({ runId: z.string(), runDir: z.string() })
  },
  'training.control': {
    input: z.object({ runId: z.string(), action: z.enum(['pause', 'resume', 'stop']) }),
    output: z.object({ status: RunStatus })
  },
  /** Continues a stopped or interrupted run from its last checkpoint. */
  'training.continue': {
    input: z.object({ runId: z.string() }),
    output: z.object({ runId: z.string(), runDir: z.string() })
  },
  'training.runs': {
    input: Empty,
    output: z.object({ runsDir: z.string(), runs: z.array(RunJson) })
  },
  'training.metrics': {
    input: z.object({ runId: z.string() }),
    output: z.object({ lines: z.array(MetricsLine) })
  },
  /** The test split through a run's final weights; computed once and kept in the run folder. */
  'training.evaluation': {
    input: z.object({ runId: z.string() }),
    output: EvaluationWithPredictions
  },
  /** What an export of a run will write, for the export dialog. */
  'export.describe': {
    input: z.object({ runId: z.string(), format: ExportFormat }),
    output: ExportDescription
  },
  /** Writes the export atomically: the folder holds the old export or the new one, never half of one. */
  'export.run': {
    input: z.object({ runId: z.string(), format: ExportFormat, outPath: z.string().min(1) }),
    output: z.object({
      dir: z.string(),
      files: z.array(z.object({ path: z.string(), bytes: z.number().int() })),
      summary: z.string()
    })
  },
  /**
   * Creates a project folder (made if missing) holding `content` (default: an empty session) and opens it.
   * A folder that already holds a project.json is refused.
   */
  'project.new': {
    input: z.object({
      folder: ProjectFolder,
      name: ProjectName.optional(),
      content: ProjectContent.optional()
    }),
    output: OpenProject
  },
  /** Reads (and migrates) a project; its runs folder becomes where runs are written and listed. */
  'project.open': {
    input: z.object({ folder: ProjectFolder }),
    output: OpenProject
  },
  /**
   * Writes project.json of the open project atomically. `folder` names the project the caller means, so
   * a restarted engine (which holds no project) takes it up again instead of failing.
   */
  'project.save': {
    input: z.object({ project: ProjectFile, folder: ProjectFolder.optional() }),
    output: OpenProject
  },
  /** Writes the project into another folder, copying its runs, and makes that the open project. */
  'project.saveAs': {
    input: z.object({ folder: ProjectFolder, project: ProjectFile }),
    output: OpenProject.extend({ copiedRuns: z.number().int() })
  },
  'project.recent': {
    input: Empty,
    output: z.object({ projects: z.array(RecentProject.extend({ exists: z.boolean() })) })
  },
  'project.current': {
    input: Empty,
    output: OpenProject.nullable()
  },
  /** Top-k classes for images sent by the UI, with exactly the preprocessing the run trained with. */
  'predict.images': {
    input: z.object({
      model: z.union([z.object({ runId: z.string() }), z.object({ modelDir: z.string().min(1) })]),
      images: z
        .array(z.object({ name: z.string(), data: z.string().max(20_000_000) }))
        .min(1)
        .max(64),
      topK: z.number().int().min(1).max(50).default(3)
    }),
    output: z.object({
      manifest: PreprocessingManifest,
      predictions: z.array(
        z.object({
          image: z.string(),
          top: z.array(z.object({ class: z.string(), index: z.number().int(), probability: z.number() })),
          error: z.string().optional()
        })
      )
    })
  },
  /**
   * The open dataset's test split through an exported TF.js model; refused, with a sentence, when the
   * export's image size or classes differ from the dataset's.
   */
  'model.evaluate': {
    input: ModelFolder,
    output: EvaluationWithPredictions
  },
  /** An exported TF.js model's preprocessing.json, with the network it was built from when the app wrote it. */
  'model.describe': {
    input: ModelFolder,
    output: PreprocessingManifest
  }
} satisfies Record<RouteName, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'op.progress': z.object({
    opId: OpId,
    phase: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    etaSeconds: z.number().nullable()
  }),
  'engine.status': z.object({ state: EngineState, message: z.string().optional() }),
  'training.progress': TrainingProgress
} satisfies Record<EventName, z.ZodType>

export type Routes = typeof routes
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>
export type RouteOutput<R extends RouteName> = z.output<Routes[R]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** A failure that crosses the contract: a code for programs and a sentence for people. */
export const WireError = z.object({
  code: z.enum(['bad-input', 'not-found', 'cancelled', 'unavailable', 'engine-crashed', 'failed']),
  message: z.string()
})
export type WireError = z.infer<typeof WireError>

export type WireResult<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError }
