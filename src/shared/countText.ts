/** Counts in words, so no screen says "1 images". */

/** "1 image", "2 images", "70,000 images". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`
}

/** The sizes an import report leaves unlisted: "+3 more sizes (12 images)". */
export function moreSizesText(other: { distinct: number; count: number }): string {
  return `+${countOf(other.distinct, 'more size', 'more sizes')} (${countOf(other.count, 'image')})`
}
