import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RouteOutput } from '../../../shared/contract'
import type { ProjectFile } from '../../../shared/project'
import { useClient } from '../client'
import { messageOf } from '../errorMessage'
import { useAppStore } from './appStore'
import { useAugmentStore } from './augmentStore'
import { useDatasetStore } from './datasetStore'
import { useNetworkStore } from './networkStore'
import { createProjectAutosave, fileWithContent } from './project/projectAutosave'
import { createRoomContent } from './project/roomContent'
import { createUnsavedWork } from './project/unsavedWork'
import { useTrainingStore } from './trainingStore'

type OpenProject = NonNullable<RouteOutput<'project.current'>>

/** ", with the session's 2 runs": what a first save moved into the project's runs folder. */
const carried = ({ carriedRuns: n }: { carriedRuns: number }): string =>
  n === 0 ? '' : `, with the session's ${n === 1 ? 'run' : `${n} runs`}`
export type RecentEntry = RouteOutput<'project.recent'>['projects'][number]
export { AUTOSAVE_DELAY_MS, type SaveState } from './project/projectAutosave'

/**
 * The open project: it collects the rooms' state (dataset, augmentation, network, training settings),
 * saves it a moment after every change, and on open puts every room back as it was saved.
 */
export const useProjectStore = defineStore('project', () => {
  const dataset = useDatasetStore()
  const augment = useAugmentStore()
  const network = useNetworkStore()
  const training = useTrainingStore()

  const folder = ref<string | null>(null)
  const project = shallowRef<ProjectFile | null>(null)
  const error = ref<string | null>(null)
  const recent = ref<RecentEntry[]>([])
  const busy = ref(false)

  const name = computed(() => project.value?.name ?? null)
  const { datasetRef, collected, kept } = createRoomContent(project)
  const { saveState, save, markSaved, cancelScheduled, saveUnderWay } = createProjectAutosave({
    folder,
    project,
    error,
    content: () => collected.value.content
  })
  const unsavedWork = createUnsavedWork({
    folder,
    saveState,
    content: () => collected.value.content,
    trainedThisSession: () => training.runId !== null
  })

  /** Takes an answer of the engine as the open project, saved as it stands. */
  function adopt(open: OpenProject): void {
    folder.value = open.folder
    project.value = open.project
    markSaved()
    error.value = null
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    busy.value = true
    try {
      return await work()
    } catch (err) {
      useAppStore().notify('error', messageOf(err))
      return null
    } finally {
      busy.value = false
      void loadRecent()
    }
  }

  /** Makes a project of what the rooms hold now, in `target` (created when missing). */
  async function create(target: string, projectName?: string): Promise<boolean> {
    const answer = await run(() =>
      useClient().call('project.new', {
        folder: target,
        ...(projectName ? { name: projectName } : {}),
        content: collected.value.content
      })
    )
    if (!answer) return false
    adopt(answer)
    void training.refreshRuns()
    if (answer.carriedRuns > 0) useAppStore().notify('info', `Saved in ${answer.folder}${carried(answer)}.`)
    return true
  }

  /** Puts every room back as the project saved it; the dataset is opened again from its source. */
  async function restore(open: OpenProject): Promise<void> {
    cancelScheduled()
    const saved = open.project
    datasetRef.value = saved.dataset
    network.setSpec(saved.network)
    augment.setSpec(saved.augment)
    augment.setSeed(saved.augmentSeed)
    if (saved.training) training.setSettings(saved.training)
    adopt(open)
    void training.refreshRuns()
    if (!saved.dataset) return
    const same =
      dataset.report !== null &&
      JSON.stringify([dataset.lastSource, dataset.options]) ===
        JSON.stringify([saved.dataset.source, saved.dataset.options])
    const ok = same || (await dataset.open(saved.dataset.source, saved.dataset.options))
    if (ok) network.setClassCount(dataset.classNames.length)
    else
      useAppStore().notify(
        'error',
        `The project's dataset could not be opened (${dataset.error ?? 'unknown reason'}). ` +
          'The project keeps it; open it again from the Data room when it is back.'
      )
  }

  async function open(target: string): Promise<boolean> {
    const saving = saveUnderWay()
    if (saving) await saving
    const answer = await run(() => useClient().call('project.open', { folder: target }))
    if (!answer) return false
    await restore(answer)
    if (answer.migratedFrom !== null)
      useAppStore().notify(
        'info',
        `This project was written by an older version (${answer.migratedFrom}); it is saved in the new form, ` +
          `with the old file kept as project.v${answer.migratedFrom}.json.`
      )
    return true
  }

  /** Writes the project (or the unsaved session) into another folder and carries on there. */
  async function saveAs(target: string, projectName?: string): Promise<boolean> {
    if (!project.value) return create(target, projectName)
    const base = projectName ? { ...project.value, name: projectName } : project.value
    const answer = await run(() =>
      useClient().call('project.saveAs', {
        folder: target,
        project: fileWithContent(base, collected.value.content)
      })
    )
    if (!answer) return false
    adopt(answer)
    void training.refreshRuns()
    useAppStore().notify(
      'info',
      `Saved as ${answer.folder}` +
        (answer.copiedRuns > 0 ? ` with copies of ${answer.copiedRuns} runs` : '') +
        `${carried(answer)}.`
    )
    return true
  }

  async function loadRecent(): Promise<void> {
    try {
      recent.value = (await useClient().call('project.recent', {})).projects
    } catch {
      // The menu simply stays as it was.
    }
  }

  /** At start (or after a page reload): show the project the engine still holds open. */
  async function init(): Promise<void> {
    void loadRecent()
    try {
      const current = await useClient().call('project.current', {})
      if (current && current.folder !== folder.value) await restore(current)
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  return {
    folder,
    project,
    name,
    saveState,
    unsavedWork,
    error,
    recent,
    busy,
    kept,
    datasetRef,
    collected,
    create,
    open,
    save,
    saveAs,
    restore,
    loadRecent,
    init
  }
})
