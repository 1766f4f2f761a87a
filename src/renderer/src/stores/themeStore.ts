import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'cnn-workbench.theme'
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

function savedChoice(): ThemeChoice {
  try {
    const saved = globalThis.localStorage?.getItem(KEY)
    return CHOICES.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : 'system'
  } catch {
    return 'system' // Storage can be refused (a private window); the system's setting then decides.
  }
}

/**
 * Light or dark: the system's setting (prefers-color-scheme) unless the person chose one in the top
 * bar, which is remembered in this browser. The theme is the `data-theme` attribute the styles read.
 */
export const useThemeStore = defineStore('theme', () => {
  const choice = ref<ThemeChoice>(savedChoice())
  const media = globalThis.matchMedia?.('(prefers-color-scheme: light)')
  const systemLight = ref(media?.matches ?? false)
  media?.addEventListener('change', (e) => (systemLight.value = e.matches))

  const theme = computed<'light' | 'dark'>(() =>
    choice.value === 'system' ? (systemLight.value ? 'light' : 'dark') : choice.value
  )
  watch(theme, (t) => document.documentElement.setAttribute('data-theme', t), { immediate: true })

  function choose(next: ThemeChoice): void {
    choice.value = next
    try {
      globalThis.localStorage?.setItem(KEY, next)
    } catch {
      // Not remembered; still applied for this visit.
    }
  }

  return { choice, theme, choose }
})

/** The theme's colours for charts, which draw on a canvas and cannot read the styles themselves. */
export function chartColours(): { text: string; grid: string } {
  const style = getComputedStyle(document.documentElement)
  return {
    text: style.getPropertyValue('--chart-text').trim() || '#aab0bb',
    grid: style.getPropertyValue('--chart-grid').trim() || '#2c313a'
  }
}
