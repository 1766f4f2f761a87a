import { checkAugmentSpec, type AugmentSpec } from '../../../../shared/augment'
import { NetworkSpec } from '../../../../shared/network'
import type { ProjectContent, ProjectDataset } from '../../../../shared/project'
import type { TrainingSettings } from '../../../../shared/training'

/** What the rooms hold right now, as the project collects it. */
export interface RoomState {
  dataset: ProjectDataset | null
  augment: AugmentSpec
  augmentSeed: number
  network: unknown
  /** Null while the Train room's form has an invalid value. */
  training: TrainingSettings | null
}

export interface CollectedContent {
  content: ProjectContent
  /** Rooms whose state is invalid right now; their last valid state is kept in the project. */
  kept: string[]
}

// JSON cloning unwraps Vue's reactive proxies, so the project never shares objects with a store.
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/**
 * The project content for the rooms' state. A room holding an invalid value while the user types keeps
 * its last valid value from `previous`, so an autosave never writes a file that cannot be opened.
 */
export function collectContent(state: RoomState, previous: ProjectContent | null): CollectedContent {
  const kept: string[] = []
  const augmentOk = checkAugmentSpec(state.augment).ok
  if (!augmentOk) kept.push('augmentation')
  const network = NetworkSpec.safeParse(plain(state.network))
  if (!network.success) kept.push('network')
  if (state.training === null && previous?.training) kept.push('training settings')
  const content: ProjectContent = {
    dataset: state.dataset ? plain(state.dataset) : null,
    augment: augmentOk ? plain(state.augment) : (previous?.augment ?? { ops: [] }),
    augmentSeed: state.augmentSeed,
    network: network.success ? network.data : (previous?.network ?? (plain(state.network) as NetworkSpec)),
    training: state.training ? plain(state.training) : (previous?.training ?? null)
  }
  return { content, kept }
}

/** A stable text of the content, to tell whether anything changed since the last save. */
export const contentKey = (content: ProjectContent): string => JSON.stringify(content)
