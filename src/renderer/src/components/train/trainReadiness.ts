import type { InputShape } from '../../../../shared/datasetSchemas'
import type { NetworkSummary } from '../../../../shared/network'

/** Something that keeps training from starting, and the room where it is fixed. */
export interface Blocker {
  text: string
  room: 'Data' | 'Augment' | 'Network' | 'Train'
}

export interface ReadinessInput {
  datasetInput: InputShape | null
  datasetClasses: number
  trainImages: number
  network: NetworkSummary
  networkClasses: number
  settingsValid: boolean
  /** Why the augmentation cannot train (rotate's expand), when it is switched on; else null. */
  augmentProblem?: string | null
}

const shape = (s: { height: number; width: number; channels: number }): string =>
  `${s.height}×${s.width}×${s.channels}`

/** Why Start is disabled, in the order a person would fix things; empty when training can start. */
export function trainingBlockers(r: ReadinessInput): Blocker[] {
  if (!r.datasetInput) return [{ text: 'Open a dataset in the Data room (Alt+1) first.', room: 'Data' }]
  const blockers: Blocker[] = []
  if (r.trainImages === 0)
    blockers.push({
      text: 'The dataset has no training images: change its split in the Data room.',
      room: 'Data'
    })
  const input = r.network.input
  if (input && shape(input) !== shape(r.datasetInput))
    blockers.push({
      text: `The network expects ${shape(input)} images but the dataset’s are ${shape(r.datasetInput)}: open the Network room (Alt+3) to fit it.`,
      room: 'Network'
    })
  if (r.networkClasses !== r.datasetClasses)
    blockers.push({
      text: `The network is built for ${r.networkClasses} classes but the dataset has ${r.datasetClasses}: open the Network room (Alt+3) to fit it.`,
      room: 'Network'
    })
  for (const e of r.network.errors.slice(0, 3))
    blockers.push({
      text: `${e.layer < 0 ? 'Network' : `Network layer ${e.layer}`}: ${e.message} (fix it in the Network room, Alt+3).`,
      room: 'Network'
    })
  if (r.network.errors.length === 0 && !r.network.spec)
    blockers.push({
      text: 'The network has an invalid setting: check it in the Network room.',
      room: 'Network'
    })
  if (r.augmentProblem)
    blockers.push({ text: `Augmentation: ${r.augmentProblem} (Augment room, Alt+2).`, room: 'Augment' })
  if (!r.settingsValid) blockers.push({ text: 'Fix the settings marked in red.', room: 'Train' })
  return blockers
}
