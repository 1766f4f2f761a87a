export interface ChannelStats {
  min: number
  max: number
  mean: number
}

/**
 * Value ranges of an HWC (or flat) output: overall and for each of its `channels` (the last axis). For a
 * vector each value is its own channel.
 */
export function channelStats(
  values: Float32Array,
  channels: number
): { min: number; max: number; channels: ChannelStats[] } {
  const mins = new Float64Array(channels).fill(Infinity)
  const maxs = new Float64Array(channels).fill(-Infinity)
  const sums = new Float64Array(channels)
  for (let i = 0; i < values.length; i++) {
    const c = i % channels
    const v = values[i] as number
    if (v < (mins[c] as number)) mins[c] = v
    if (v > (maxs[c] as number)) maxs[c] = v
    sums[c] = (sums[c] as number) + v
  }
  const perChannel = values.length / channels
  const stats = Array.from(mins, (min, c) => ({
    min,
    max: maxs[c] as number,
    mean: (sums[c] as number) / perChannel
  }))
  // A reduce, not Math.min(...): a flattened layer has tens of thousands of "channels".
  return {
    min: mins.reduce((a, b) => Math.min(a, b), Infinity),
    max: maxs.reduce((a, b) => Math.max(a, b), -Infinity),
    channels: stats
  }
}
