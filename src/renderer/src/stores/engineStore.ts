import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { DoctorReport } from '../../../shared/doctorReport'
import { useClient } from '../client'
import { messageOf } from '../errorMessage'

/** The engine panel: the same report as `cnn-workbench doctor`, asked for when the panel opens. */
export const useEngineStore = defineStore('engine', () => {
  const open = ref(false)
  const report = ref<DoctorReport | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      report.value = await useClient().call('engine.doctor', {})
    } catch (err) {
      error.value = messageOf(err)
    } finally {
      loading.value = false
    }
  }

  function show(): void {
    open.value = true
    void load()
  }

  function hide(): void {
    open.value = false
  }

  return { open, report, loading, error, load, show, hide }
})
