import { defineStore } from 'pinia'
import type { RouteOutput } from '../../../shared/contract'
import { useClient } from '../client'
import { messageOf } from '../errorMessage'
import { useAppStore } from './appStore'

export type FolderListing = RouteOutput<'files.list'>

/** Choosing folders: the native picker on the desktop, the server's folders in serve mode. */
export const useFoldersStore = defineStore('folders', () => {
  /** The native folder picker; null when the person cancels. A failure is shown as a notice. */
  async function pickFolder(): Promise<string | null> {
    try {
      return (await useClient().call('dialog.openFolder', {})).path
    } catch (err) {
      useAppStore().notify('error', messageOf(err))
      return null
    }
  }

  /** One folder under the data root, as the folder browser lists it (the root when `path` is absent). */
  function listFolder(path?: string): Promise<FolderListing> {
    return useClient().call('files.list', { path })
  }

  return { pickFolder, listFolder }
})
