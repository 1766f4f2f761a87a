import type { TrainingSettings } from './trainingSettings'

/**
 * The learning rate for a 0-based epoch. It changes only between epochs, so a run resumed at an
 * epoch boundary uses exactly the rates an uninterrupted run would have.
 */
export function learningRateAt(
  settings: Pick<TrainingSettings, 'learningRate' | 'schedule' | 'epochs'>,
  epoch: number
): number {
  const base = settings.learningRate
  const schedule = settings.schedule
  switch (schedule.type) {
    case 'constant':
      return base
    case 'step':
      return base * schedule.factor ** Math.floor(epoch / schedule.every)
    case 'cosine':
      return base * 0.5 * (1 + Math.cos((Math.PI * epoch) / Math.max(1, settings.epochs)))
  }
}
