import { computed, shallowRef, watch, type ShallowRef } from 'vue'
import type { ProjectDataset, ProjectFile } from '../../../../shared/project'
import { collectContent } from '../../domain/project/projectContent'
import { useAugmentStore } from '../augmentStore'
import { useDatasetStore } from '../datasetStore'
import { useNetworkStore } from '../networkStore'
import { useTrainingStore } from '../trainingStore'

/**
 * What the project collects from the rooms right now (dataset, augmentation, network, training settings);
 * a room holding an invalid value keeps its last valid state from `project`.
 */
export function createRoomContent(project: ShallowRef<ProjectFile | null>) {
  const dataset = useDatasetStore()
  const augment = useAugmentStore()
  const network = useNetworkStore()
  const training = useTrainingStore()
  /** The dataset the project refers to: the last one opened, or the saved one when it could not be reopened. */
  const datasetRef = shallowRef<ProjectDataset | null>(null)

  const collected = computed(() =>
    collectContent(
      {
        dataset: datasetRef.value,
        augment: augment.spec,
        augmentSeed: augment.seed,
        network: network.spec,
        training: training.settings
      },
      project.value
    )
  )
  /** Rooms holding an invalid value right now; the project keeps their last valid state. */
  const kept = computed(() => collected.value.kept)

  // A dataset the user opens becomes the project's; a failed open leaves the saved reference alone.
  watch(
    () => dataset.opened,
    (opened) => {
      if (opened && dataset.lastSource)
        datasetRef.value = JSON.parse(
          JSON.stringify({ source: dataset.lastSource, options: dataset.options })
        ) as ProjectDataset
    },
    { immediate: true }
  )

  return { datasetRef, collected, kept }
}
