/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** What the desktop preload exposes (see src/preload/index.ts); absent in a browser. */
interface WorkbenchBridge {
  mode: 'desktop'
  invoke(route: string, input: unknown): Promise<unknown>
  subscribe(event: string, listener: (payload: unknown) => void): () => void
  pathForFile(file: File): string
}

interface Window {
  workbench?: WorkbenchBridge
}
