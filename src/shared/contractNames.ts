/**
 * The names of every route and event, without their schemas: the sandboxed preload can only
 * bundle plain code, and checking a name needs nothing more. `contract.ts` is typed against these
 * lists, so the two cannot drift apart.
 */
export const routeNames = [
  'app.info',
  'dialog.openFolder',
  'files.list',
  'dataset.open',
  'dataset.current',
  'dataset.items',
  'dataset.thumbnails',
  'dataset.image',
  'op.cancel',
  'engine.backend',
  'engine.doctor',
  'engine.retry',
  'augment.preview',
  'augment.trainingBatch',
  'training.start',
  'training.control',
  'training.continue',
  'training.runs',
  'training.metrics',
  'training.evaluation',
  'training.import',
  'export.describe',
  'export.run',
  'export.target',
  'predict.images',
  'project.new',
  'project.open',
  'project.save',
  'project.saveAs',
  'project.recent',
  'project.current',
  'model.evaluate',
  'model.describe',
  'insight.featureMaps',
  'insight.filters',
  'insight.saliency',
  'lab.conv',
  'lab.pool',
  'lab.backprop',
  'lab.filter',
  'lab.poolChain',
  'lab.augmentSweep'
] as const

export const eventNames = ['op.progress', 'engine.status', 'training.progress', 'training.run'] as const

export type RouteName = (typeof routeNames)[number]
export type EventName = (typeof eventNames)[number]

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && (routeNames as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name)
}
