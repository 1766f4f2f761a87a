/** What the training project's README and Slurm script say about the run they were exported from. */
export interface ProjectFacts {
  runId: string
  dataRoot: string
  classes: readonly string[]
  counts: { train: number; val: number; test: number }
  input: { height: number; width: number; channels: number }
  epochs: number
  batchSize: number
  optimizer: string
  augmented: boolean
}

export const REQUIREMENTS_TXT = `# Any PyTorch from 1.13 on; pick the build for your CUDA version (https://pytorch.org/get-started/).
torch>=1.13
numpy
pillow
`

/** A Slurm batch script: one torchrun per node, which starts one process per GPU. */
export function slurmScript(facts: ProjectFacts): string {
  return `#!/bin/bash
# Slurm: 2 nodes x 4 GPUs. Change --nodes, --gres and NPROC together; submit with: sbatch train.sbatch
#SBATCH --job-name=cnn-workbench-${facts.runId}
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gres=gpu:4
#SBATCH --cpus-per-task=16
#SBATCH --time=04:00:00
#SBATCH --output=slurm-%j.out
set -euo pipefail
NPROC=4
# The data folder must be readable at the same path on every node (a shared file system).
DATA="\${DATA:-${facts.dataRoot}}"
HEAD=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)
cd "$SLURM_SUBMIT_DIR"
srun torchrun --nnodes="$SLURM_NNODES" --nproc_per_node="$NPROC" \\
  --rdzv-id="$SLURM_JOB_ID" --rdzv-backend=c10d --rdzv-endpoint="$HEAD:29500" \\
  train.py --data "$DATA"
`
}

export function projectReadme(facts: ProjectFacts): string {
  const { height, width, channels } = facts.input
  const c = facts.counts
  return `# Training project for run ${facts.runId} (CNN Workbench)

This folder trains the workbench run ${facts.runId} with PyTorch — on this machine, on every GPU of one machine
(\`torchrun\`), or on several machines — and, once trained, **is a run folder the workbench opens**:
\`cnn-workbench train --import THIS_FOLDER\`, or **Import a run…** in the Train room.

- Network: \`model.py\` (the same layers; the app's weights load into it). Input ${height}×${width}×${channels},
  classes ${facts.classes.join(', ')}.
- Data: \`data.py\` reads the folder the app opened (one sub-folder per class) with the app's split
  (\`splits.json\`: ${c.train} train, ${c.val} val, ${c.test} test images) and the app's preprocessing.
- Augmentation: \`augment.py\` applies \`augment.json\` as the app does (same draws for the same seed)${facts.augmented ? '' : ' — off for this run'}.
- Training: \`train.py\` with \`settings.json\` (${facts.optimizer}, ${facts.epochs} epochs, batch ${facts.batchSize}).

## Install

\`\`\`sh
python -m pip install -r requirements.txt      # or your cluster's PyTorch module
\`\`\`

## Where the data must be

\`--data DIR\` is the folder with one sub-folder per class, default \`${facts.dataRoot}\` (where the app read it).
Copy it (\`rsync -a\`) to the training machine; with several machines it must be readable at the same path on
every one of them (a shared file system), or copied to the same path on each.

## Train

| where | command |
| --- | --- |
| one process (a GPU if there is one, else the CPU) | \`python train.py --data DIR\` |
| one machine, N GPUs | \`torchrun --nproc_per_node=N train.py --data DIR\` |
| several machines (run on each, same endpoint) | \`torchrun --nnodes=M --nproc_per_node=N --rdzv-id=JOB --rdzv-backend c10d --rdzv-endpoint HOST:29500 train.py --data DIR\` |
| Slurm | \`sbatch train.sbatch\` (edit its node and GPU counts first) |

One process per GPU, \`nccl\` between GPUs, \`gloo\` on CPUs. **\`--batch-size\` is per process**: with N
processes a step sees N × batch-size images; pass \`--batch-size ${facts.batchSize}/N\` to keep the app's step size.
Other flags: \`--epochs\`, \`--steps\`, \`--lr\`, \`--seed\`, \`--workers\` (data loaders per process),
\`--init-weights run-weights\` (start from the app's trained weights instead of the app's seeded start),
\`--resume\` (continue from the newest checkpoint in \`pytorch-checkpoints/\`, written after every epoch).

## Bring it back

When training ends, this folder holds \`run.json\`, \`metrics.jsonl\`, \`evaluation.json\` and \`model/\` (the
weights in the app's TF.js layout), plus \`final.pt\` (the PyTorch state dict). Copy the folder back and run
\`cnn-workbench train --import THIS_FOLDER\`: the run's curves appear beside the local runs, and Evaluate, Export
and Predict work on it.

## How close to the app

With one process, the same seed gives the app's starting weights, batch order and augmentation draws; the
numbers then differ only by floating-point rounding (and dropout masks). With N processes each step averages
N batches. Images that need resizing may differ from the app's by a grey level (Pillow's Lanczos filter
versus libvips'); images already at ${width}×${height} are decoded identically.
`
}
