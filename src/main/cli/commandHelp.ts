import { TEMPLATE_NAMES } from '../../shared/network/templates'
import { BACKEND_ORDER } from '../engine/backend/backendTypes'
import { FILTER_PRESET_NAMES } from '../../shared/lab/filterPresets'
import { MAX_INPUT_SIDE, MAX_KERNEL_SIDE } from '../../shared/lab/labMatrix'

/**
 * Every command's --help, listing all its flags. Kept apart from the commands, which load tfjs and sharp,
 * so that `--help` starts in a moment.
 */
const BACKENDS = BACKEND_ORDER.join('|')

export const COMMAND_HELP = {
  serve: `usage: cnn-workbench serve [--host 127.0.0.1] [--port 8177] [--token T] [--data-root DIR] [--cache-dir DIR] [--runs-dir DIR]
  Serves the app to a browser: the engine in this Node.js, the interface over a token-protected WebSocket.
  --host ADDRESS    address to listen on (default 127.0.0.1, loopback only)
  --port N          port (default 8177; 0 picks a free one)
  --token T         the access token, at least 8 characters (default: random, 128 bits)
  --data-root DIR   the folder the folder browser starts in (default: your home folder)
  --cache-dir DIR   where decoded datasets are cached (default $XDG_CACHE_HOME/cnn-workbench/datasets)
  --runs-dir DIR    where training runs are written (default $XDG_DATA_HOME/cnn-workbench/runs)
  Stops on Ctrl+C, SIGTERM or SIGHUP, with its engine.
`,
  'dataset inspect': `usage: cnn-workbench dataset inspect <dir|mnist> [--size 28] [--channels 1|3] [--seed S]
         [--resize stretch|letterbox|centre-crop] [--cache-dir DIR] [--json]
  Imports a folder of class sub-folders (or the MNIST sample) and prints the import report.
  --size N          input height and width (default: the most common size, at most 64)
  --channels 1|3    greyscale or RGB (default: 1 when every sampled image is grey)
  --seed S          seed of the train/val/test split (default 42)
  --resize MODE     stretch (default), letterbox or centre-crop
  --cache-dir DIR   where decoded datasets are cached
  --json            print the report as one JSON document
`,
  'network summary': `Usage: cnn-workbench network summary SPEC.json|--template NAME [--input 28x28x1] [--classes 10] [--json]
  SPEC.json        a network spec file
  --template NAME  one of ${TEMPLATE_NAMES.join(', ')}
  --input HxWxC    input shape (default 28x28x1 for a template; replaces the file's input for a spec)
  --classes N      number of classes (default 10 for a template; checked against a spec's classifier)
  --json           print the summary as JSON
Exit code: 0 when the network is valid, 1 when it has errors, 2 for a usage or file problem.
`,
  augment: `usage: cnn-workbench augment IMAGE... (--augment SPEC.json | --preset NAME) --out DIR
         [--variants N] [--seed S] [--size HxW] [--channels 1|3]
  Writes augmented variants of images, with params.json listing what was drawn for each.
  --augment SPEC.json   the augmentation pipeline
  --preset NAME         none, lecture, light or strong instead of a spec file
  --out DIR             the folder to write <name>_v<k>.png and params.json into
  --variants N          variants per image (default 4)
  --seed S              seed of the random draws (default 1)
  --size HxW            size of the outputs (default: the first image's size)
  --channels 1|3        greyscale or RGB (default: as the first image)
`,
  train: `usage: cnn-workbench train --data DIR|mnist (--network SPEC.json | --template NAME) --out RUN_DIR [options]
       cnn-workbench train --resume RUN_DIR [--backend NAME] [--json]
       cnn-workbench train --import DIR [--runs RUNS_DIR] [--json]
  --augment SPEC.json   augment training batches with this spec
  --preset deep-mnist   the lecture's Deep MNIST run: its network and initializers, Adam 1e-4, batch 32,
                        20,000 steps, accuracy every 1,000 steps (other flags override its settings)
  --epochs N | --steps N   how long to train: whole epochs, or this many optimizer steps (batches)
  --evaluate-every STEPS [--evaluation-images N]   accuracy on N (2048) train and N test images, dropout off
  --evaluation-train-images M   measure M training images instead of N (a cheaper check of the test figure)
  --batch-size N --optimizer sgd|momentum|adam|rmsprop --lr X --momentum X --weight-decay X
  --schedule constant|cosine|step:EVERY:FACTOR   --early-stopping PATIENCE   --seed S
  --backend ${BACKENDS}   --size N --channels 1|3   --limit N (at most N training images)
  --init-weights MODEL_DIR   start from the weights of a TF.js export or a run's model/ (same network)
  --json                one JSON line per progress event, then the final run.json
  --import DIR          take a run trained elsewhere (a trained PyTorch training project, or a run folder)
                        into the app's runs folder (or --runs RUNS_DIR), after checking it
`,
  evaluate: `usage: cnn-workbench evaluate RUN_DIR [--split test|val|train] [--backend NAME] [--json]
  Evaluates a run's final model (RUN_DIR/model) on a split of its dataset; the test split is written to
  RUN_DIR/evaluation.json and its figures to run.json's final.testLoss and final.testAccuracy.
  --split test|val|train   the split to evaluate (default test)
  --backend ${BACKENDS}
  --json                   print the evaluation as JSON
`,
  export: `usage: cnn-workbench export RUN_DIR --format FORMAT --out DIR
  Exports a run's trained model (RUN_DIR/model) into the folder DIR, with preprocessing.json beside it.
  An earlier export in DIR is replaced only once the new one is complete.
  pytorch-train writes a PyTorch training project (train.py for python / torchrun / Slurm, the dataset's
  split, the augmentation and the settings); it opens the run's dataset again. Once trained, DIR is a run:
  cnn-workbench train --import DIR.
  --format FORMAT   one of: {formats}
  --out DIR         the folder to write the export into
`,
  predict: `usage: cnn-workbench predict MODEL_DIR IMAGE... [--top-k 3] [--json]
  Classifies images with a TF.js export folder or a training run folder. Each image is resized and
  converted exactly as the training images were. With --json one document is printed:
  {"predictions":[{"image":"a.png","top":[{"class":"cat","index":0,"probability":0.93}]}]}
  An image that cannot be read gets {"image":…,"error":…}; the exit code is then 1.
`,
  activations: `usage: cnn-workbench activations MODEL IMAGE [--layer K] [--json] [--out DIR]
  The output of every layer (or of layer K, numbered as in the network spec) for one image, with the
  image decoded exactly as the training images were. MODEL is a run folder or an exported TF.js folder.
  --json prints one document:
  {"layers":[{"layer":0,"kind":"conv2d","shape":[28,28,32],"min":…,"max":…,
              "channels":[{"index":0,"min":…,"max":…,"mean":…}]}],
   "classes":[…],"probabilities":[…],"predicted":{"class":"…","index":…,"probability":…}}
  --out DIR writes layer-K-KIND.png per layer: its maps as a grid, each grey from its own minimum to
  its maximum (a dense layer as one strip).
`,
  saliency: `usage: cnn-workbench saliency MODEL IMAGE [--class NAME] [--method gradcam|gradient] [--layer K] [--out OUT.png] [--json]
  Where the network looks in one image for a class (by default the predicted one), taken on the
  class's pre-softmax score. gradcam (default): Grad-CAM at layer K (by default the last conv layer),
  at that layer's resolution. gradient: |∂score/∂input|, the largest over the colour channels, at the
  input's resolution. MODEL is a run folder or an exported TF.js folder.
  --json prints {"class":"…","index":…,"probability":…,"method":"gradcam","layer":K,
                 "map":{"shape":[h,w],"values":[[…]]}} (the map before any upsampling or scaling).
  --out OUT.png writes the image with the map over it (upsampled bilinearly, scaled to its maximum).
`,
  'lab conv': `usage: cnn-workbench lab conv --input JSON --kernel JSON [--padding valid|same|P] [--stride S]
         [--mode correlate|convolve] [--json]
  The Lab's convolution: one output value per window, and the output-size formula in these numbers.
  --input JSON      the input matrix, at most ${MAX_INPUT_SIDE}×${MAX_INPUT_SIDE}, e.g. [[0,1,0],[1,1,0],[1,0,1]]
  --kernel JSON     the kernel, at most ${MAX_KERNEL_SIDE}×${MAX_KERNEL_SIDE}
  --padding MODE    valid (default), same, or P zeros added on every side
  --stride S        the step between windows (default 1)
  --mode MODE       correlate (default; what CNN layers compute) or convolve (the kernel flipped, as
                    scipy.signal.convolve2d)
  --json            print {"output":[[…]],"shape":[h,w],"formula":"…"}
  A ragged, empty or too large matrix, or a kernel larger than the padded input: one sentence, exit code 2.
`,
  'lab pool': `usage: cnn-workbench lab pool --input JSON --size K [--stride S] [--op max|avg] [--padding valid|same] [--json]
  The Lab's pooling of a matrix, with the output-size formula in these numbers.
  --input JSON      the input matrix, at most ${MAX_INPUT_SIDE}×${MAX_INPUT_SIDE}
  --size K          the window's side
  --stride S        the step between windows (default K)
  --op max|avg      max (default) or average
  --padding MODE    valid (default) or same
  --json            print {"output":[[…]],"shape":[h,w],"formula":"…"}
`,
  'lab filter': `usage: cnn-workbench lab filter IMAGE (--kernel JSON | --preset NAME) [--mode valid|same] [--out OUT.png] [--json]
  A kernel over the image read as greyscale in [0, 1], applied as scipy.signal.convolve2d (flipped).
  --kernel JSON     the kernel, at most ${MAX_KERNEL_SIDE}×${MAX_KERNEL_SIDE}
  --preset NAME     one of ${FILTER_PRESET_NAMES.join(', ')}
  --mode valid|same valid (default; H−2 × W−2 for a 3×3 kernel) or same (the image's size)
  --out OUT.png     write the output on a diverging scale (blue below 0, white 0, red above), not clipped
  --json            print {"shape":[h,w],"min":…,"max":…,"sum":…} of the float output
`,
  'lab pool-chain': `usage: cnn-workbench lab pool-chain IMAGE --times N [--op max|avg] [--json]
  The image (greyscale) pooled 2×2 N times in a row; partial windows at the edge are kept, as
  skimage.measure.block_reduce pads.
  --times N         how many poolings
  --op max|avg      max (default) or mean
  --json            print {"input":[h,w],"shapes":[[h,w],…]}
`,
  doctor: `usage: cnn-workbench doctor [--json]
  Starts the engine and reports what it runs on: every compute backend it tried and why each did not load,
  its runtime (Node.js or Electron as Node), the image decoder, onnxruntime, wasm SIMD and threads, CPU
  features, whether nvidia-smi sees a GPU, and where data, caches and runs are kept.
  --json    print the report as one JSON document
`
} as const

export type CommandName = keyof typeof COMMAND_HELP

/**
 * A command's --help. The export formats come from the export manifest, which loads zod, so they are
 * filled in only when that help is asked for.
 */
export async function commandHelp(name: CommandName): Promise<string> {
  if (name !== 'export') return COMMAND_HELP[name]
  const { EXPORT_FORMATS } = await import('../../shared/export/exportManifest')
  return exportHelp(EXPORT_FORMATS)
}

export function exportHelp(formats: readonly string[]): string {
  return COMMAND_HELP.export.replace('{formats}', formats.join(', '))
}

export const USAGE = `usage: cnn-workbench <command> [options]

commands:
  serve [--host 127.0.0.1] [--port N] [--token T] [--data-root DIR] [--cache-dir DIR] [--runs-dir DIR]
  dataset inspect <dir|mnist> [--size 28] [--channels 1|3] [--seed S] [--resize MODE] [--json]
  network summary SPEC.json|--template NAME [--input 28x28x1] [--classes 10] [--json]
  augment IMAGE... --augment SPEC.json|--preset NAME --out DIR [--variants N] [--seed S] [--size HxW] [--channels 1|3]
  train --data DIR|mnist --network SPEC.json|--template NAME --out RUN_DIR [--epochs N | --steps N] [--batch-size N]
        [--optimizer adam --lr 0.001] [--augment SPEC.json] [--seed S] [--backend NAME] [--json]
        [--preset deep-mnist] [--evaluate-every STEPS [--evaluation-images N] [--evaluation-train-images M]]
        | --resume RUN_DIR | --import DIR [--runs RUNS_DIR]
  evaluate RUN_DIR [--split test|val|train] [--backend NAME] [--json]
  export RUN_DIR --format tfjs|onnx|keras|pytorch|pytorch-train --out PATH
  predict MODEL_DIR IMAGE... [--top-k 3] [--json]
  activations MODEL IMAGE [--layer K] [--json] [--out DIR]
  saliency MODEL IMAGE [--class NAME] [--method gradcam|gradient] [--layer K] [--out OUT.png] [--json]
  doctor [--json]
  lab conv --input JSON --kernel JSON [--padding valid|same|P] [--stride S] [--mode correlate|convolve] [--json]
  lab pool --input JSON --size K [--stride S] [--op max|avg] [--padding valid|same] [--json]
  lab filter IMAGE (--kernel JSON|--preset NAME) [--mode valid|same] [--out OUT.png] [--json]
  lab pool-chain IMAGE --times N [--op max|avg] [--json]

Each command prints all its options with --help.
`
