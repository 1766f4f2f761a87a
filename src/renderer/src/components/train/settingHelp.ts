import type { SettingsField } from '../../domain/train/settingsForm'

/** A training setting explained: one line for the tooltip, a short paragraph behind its "?". */
export interface SettingHelp {
  tip: string
  more: string
}

/** What each training setting does, as the Network room explains its layers. */
export const SETTING_HELP: Partial<Record<SettingsField, SettingHelp>> = {
  epochs: {
    tip: 'How many times training goes through all the training images.',
    more:
      'One epoch shows the network every training image once. More epochs let it learn more, until the ' +
      'validation loss stops falling and starts to rise: then it is memorising the training images ' +
      '(overfitting). Early stopping can end the run at that point.'
  },
  batchSize: {
    tip: 'How many images each optimizer step looks at.',
    more:
      'The loss is averaged over a batch before the weights change. Small batches make more, noisier ' +
      'steps per epoch; large ones fewer, smoother steps and faster epochs on a GPU, but need more ' +
      'memory and often a larger learning rate. 32 is a common start.'
  },
  optimizer: {
    tip: 'The rule that turns the gradient into a change of the weights.',
    more:
      'SGD steps straight down the gradient. SGD + momentum keeps a running direction, which speeds it ' +
      'up along consistent slopes. RMSprop and Adam scale each weight’s step by how large its gradients ' +
      'have been; Adam also keeps momentum and is the forgiving default.'
  },
  learningRate: {
    tip: 'How big each step of the weights is.',
    more:
      'Too large and the loss jumps about or becomes NaN; too small and training crawls. Typical values: ' +
      '0.001 for Adam and RMSprop, 0.01–0.1 for SGD. If the loss curve is jagged or rises, lower it.'
  },
  momentum: {
    tip: 'How much of the previous step carries into the next (0–1).',
    more:
      'With 0.9, each step is mostly the direction of the steps before it: it rolls through small bumps ' +
      'and speeds up on long slopes. For RMSprop it is the same idea applied to the scaled steps.'
  },
  schedule: {
    tip: 'How the learning rate changes over the epochs.',
    more:
      'Constant keeps it fixed. Step decay multiplies it by a factor every few epochs. Cosine lowers it ' +
      'smoothly to nearly zero by the last epoch. Smaller steps late in training settle the weights ' +
      'into a better minimum.'
  },
  scheduleEvery: {
    tip: 'Step decay: how many epochs between two reductions.',
    more: 'With 10, the learning rate is multiplied by the decay factor after epochs 10, 20, 30…'
  },
  scheduleFactor: {
    tip: 'Step decay: what the learning rate is multiplied by each time (0–1).',
    more: 'With 0.5 the learning rate halves at each step; with 0.1 it drops tenfold.'
  },
  weightDecay: {
    tip: 'L2 regularisation: a penalty on large weights, against overfitting.',
    more:
      'Adds this factor × the sum of squared weights to the loss, so the network prefers small weights ' +
      'and simpler functions. 0 turns it off; 0.0001–0.001 is typical. Too much and it cannot fit the ' +
      'data at all.'
  },
  seed: {
    tip: 'Fixes every random choice: initial weights, image order, augmentation.',
    more:
      'The same seed with the same data and settings trains the same run again, so two runs differ only ' +
      'in what you changed. Try a few seeds to see how much of a difference is luck.'
  },
  augment: {
    tip: 'Trains on the Augment room’s variants of each image instead of the originals.',
    more:
      'Each epoch, every training image is flipped, rotated, shifted, noised… as the Augment room’s ' +
      'pipeline says, with new random draws. The network sees more variety and overfits less; validation ' +
      'and test images are never augmented.'
  },
  validateEachEpoch: {
    tip: 'Measures loss and accuracy on the validation split after every epoch.',
    more:
      'The validation images are never trained on, so their curve shows how well the network ' +
      'generalises. Early stopping needs it. Switching it off saves a little time per epoch.'
  },
  earlyStopping: {
    tip: 'Ends training when the validation loss stops improving, and keeps the best weights.',
    more:
      'After each epoch the validation loss is compared with the best so far. If it has not improved for ' +
      '“patience” epochs, training stops and the weights of the best epoch are restored.'
  },
  patience: {
    tip: 'Early stopping: how many epochs without improvement are tolerated.',
    more: 'A small patience stops quickly but may stop on a temporary plateau; 3–10 is typical.'
  },
  length: {
    tip: 'Train for whole epochs, or for a number of optimizer steps as the lecture counts its iterations.',
    more:
      'A step is one batch: the weights change once. The lecture trains Deep MNIST for 20,000 steps of 32 ' +
      'images, about 12 epochs of the 54,000 training digits; trained by steps, the last epoch may end part-way.'
  },
  steps: {
    tip: 'How many optimizer steps (batches) the run takes.',
    more: 'Steps × batch size is how many images training looks at in all, counting repeats.'
  },
  periodic: {
    tip: 'Measure train and test accuracy every N steps, with dropout off, and draw it over iterations.',
    more:
      'The same seeded samples of training and test images are measured each time in inference mode, as ' +
      'the lecture does every 1,000 steps, so the curves compare like with like. The final accuracy is still ' +
      'measured on the whole test set.'
  },
  evaluateEvery: {
    tip: 'How many steps between two measurements.',
    more: 'Each measurement costs a pass over both samples; every 1,000 steps is the lecture’s cadence.'
  },
  evaluationImages: {
    tip: 'How many test images each measurement uses, and as many training images unless the training sample is smaller.',
    more: 'The lecture uses 2,048 of each. More images give steadier curves and take longer to measure.'
  },
  separateTrainSample: {
    tip: 'Measure the training accuracy on its own, usually smaller, sample.',
    more:
      'Useful when the test accuracy is what you watch, for example to see when a run reaches 99 %: a small ' +
      'training sample keeps each measurement cheap while the test sample stays large.'
  },
  evaluationTrainImages: {
    tip: 'How many training images each measurement uses.',
    more: 'The test sample keeps the size above. The command line sets the same with --evaluation-train-images.'
  }
}
