import { z } from 'zod'
import { DoctorReport, EngineRuntimeInfo, ImageDecoderInfo } from '../doctorReport'
import { Empty, EngineState, OpId, type RouteSchemas } from './routeParts'

/** The app itself: what runs, the folder picker and browser, cancelling work, the compute backend. */
export const appRoutes = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'serve']),
      dataRoot: z.string(),
      engine: z.object({
        state: EngineState,
        pid: z.number().nullable(),
        restarts: z.number().int(),
        /** Why the engine cannot start, when its state is 'failed'. */
        message: z.string().optional()
      })
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
      ),
      /** What runs the engine process and which build of sharp decodes images there, each with why. */
      runtime: EngineRuntimeInfo,
      decoder: ImageDecoderInfo
    })
  },
  /** Starts the engine again after it could not start (state 'failed'); answered by the host. */
  'engine.retry': {
    input: Empty,
    output: z.object({ state: EngineState })
  },
  /** Every backend attempt, runtime, image decoder, onnxruntime, SIMD/threads, CPU, GPU and locations. */
  'engine.doctor': {
    input: Empty,
    output: DoctorReport
  }
} satisfies RouteSchemas
