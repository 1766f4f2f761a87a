import type { ExportFormat } from '../../../../shared/export/exportManifest'

export interface FormatOption {
  value: ExportFormat
  label: string
  /** What the export is for, in one line, so the choice does not need a manual. */
  purpose: string
}

export const FORMAT_OPTIONS: readonly FormatOption[] = [
  {
    value: 'tfjs',
    label: 'TF.js layers',
    purpose: 'Runs in a web page or Node with TensorFlow.js; Predict here can load it too.'
  },
  {
    value: 'onnx',
    label: 'ONNX',
    purpose: 'One portable file for ONNX Runtime, OpenCV DNN, mobile and C++/C# apps.'
  },
  {
    value: 'keras',
    label: 'Keras script',
    purpose: 'Python code that rebuilds the network in Keras and loads the trained weights.'
  },
  {
    value: 'pytorch',
    label: 'PyTorch module',
    purpose: 'Python nn.Module with a weight loader, to fine-tune or serve with PyTorch.'
  },
  {
    value: 'pytorch-train',
    label: 'Training project for PyTorch / a cluster',
    purpose:
      "train.py with this run's split, augmentation and settings, for python, torchrun (many GPUs) or Slurm; once trained, import the folder back as a run."
  }
]

export function formatLabel(format: ExportFormat): string {
  return FORMAT_OPTIONS.find((f) => f.value === format)?.label ?? format
}
