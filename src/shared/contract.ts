import { z } from 'zod'
import type { EventName, RouteName } from './contractNames'
import { RunJson, TrainingProgress } from './training'
import { appRoutes } from './routes/appRoutes'
import { augmentRoutes } from './routes/augmentRoutes'
import { datasetRoutes } from './routes/datasetRoutes'
import { exportRoutes } from './routes/exportRoutes'
import { insightRoutes } from './routes/insightRoutes'
import { labRoutes } from './routes/labRoutes'
import { projectRoutes } from './routes/projectRoutes'
import { EngineState, OpId } from './routes/routeParts'
import { trainingRoutes } from './routes/trainingRoutes'

/** Every route of the contract, each with its input and output schema; the groups live in ./routes. */
export const routes = {
  ...appRoutes,
  ...datasetRoutes,
  ...augmentRoutes,
  ...trainingRoutes,
  ...exportRoutes,
  ...projectRoutes,
  ...insightRoutes,
  ...labRoutes
} satisfies Record<RouteName, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'op.progress': z.object({
    opId: OpId,
    phase: z.string(),
    done: z.number().int(),
    /** 0 while the total is not known yet (a scan counting files). */
    total: z.number().int(),
    etaSeconds: z.number().nullable()
  }),
  'engine.status': z.object({ state: EngineState, message: z.string().optional() }),
  'training.progress': TrainingProgress,
  /**
   * A run's record each time the engine rewrites its run.json (it started, paused, resumed, finished an
   * epoch, ended), and once more when its training thread died ('interrupted', with the reason in `error`).
   */
  'training.run': RunJson
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
