import { computed, ref } from 'vue'
import { defaultTrainingSettings, type TrainingSettings } from '../../../../shared/training'
import { checkSettingsForm, formFromSettings, type SettingsForm } from '../../domain/train/settingsForm'

/**
 * The Train room's settings form, checked as it is typed: a message per invalid field, and the settings
 * it stands for once every field is valid (null until then).
 */
export function createSettingsFormState() {
  const form = ref<SettingsForm>(formFromSettings(defaultTrainingSettings()))
  const check = computed(() => checkSettingsForm(form.value))
  const fieldErrors = computed(() => (check.value.ok ? {} : check.value.errors))
  const settings = computed<TrainingSettings | null>(() => (check.value.ok ? check.value.settings : null))

  function setSettings(next: TrainingSettings): void {
    form.value = formFromSettings(next)
  }

  return { form, fieldErrors, settings, setSettings }
}
