import { afterEach, expect, it, vi } from 'vitest'
import { ProgressClock } from '../../../src/main/engine/training/progressClock'

// The clock reads performance.now(); here it reads a hand-moved time, so nothing depends on the machine.
let now = 0
afterEach(() => vi.restoreAllMocks())

function epoch(clock: ProgressClock, batchMs: number[], images = 32): void {
  clock.restartWindow()
  for (const ms of batchMs) {
    now += ms
    clock.tick(images)
  }
}

it('follows the speed from epoch to epoch when every epoch takes under a second', () => {
  vi.spyOn(performance, 'now').mockImplementation(() => now)
  const clock = new ProgressClock(100)
  // The first batch is slow (the backend warms up): 60 img/s; every other one runs at 800 img/s.
  const perEpoch: number[] = []
  epoch(clock, [533, ...Array<number>(9).fill(40)])
  perEpoch.push(clock.imagesPerSecond)
  for (let e = 2; e <= 6; e++) {
    now += 300 // validation: not training time
    epoch(clock, Array<number>(10).fill(40))
    perEpoch.push(clock.imagesPerSecond)
  }
  // It used to say 60 img/s after every epoch. It rises as the slow start leaves the last second or two.
  expect(perEpoch[0]).toBeGreaterThan(60)
  for (let e = 1; e < perEpoch.length; e++) expect(perEpoch[e]).toBeGreaterThanOrEqual(perEpoch[e - 1]!)
  expect(perEpoch.at(-1)).toBeCloseTo(800, 0)
  // Three more epochs of 320 images at 800 img/s.
  expect(clock.etaSeconds(960)).toBeCloseTo(1.2, 2)
})

it('does not count a pause or a validation pass as slow training', () => {
  vi.spyOn(performance, 'now').mockImplementation(() => now)
  const clock = new ProgressClock(100)
  epoch(clock, Array<number>(30).fill(40))
  now += 60_000 // paused for a minute
  epoch(clock, Array<number>(30).fill(40))
  expect(clock.imagesPerSecond).toBeCloseTo(800, 0)
})

it('follows a change of speed within a second or two of training', () => {
  vi.spyOn(performance, 'now').mockImplementation(() => now)
  const clock = new ProgressClock(100)
  epoch(clock, Array<number>(100).fill(40)) // 800 img/s for 4 s
  epoch(clock, Array<number>(100).fill(80)) // then 400 img/s for 8 s
  expect(clock.imagesPerSecond).toBeCloseTo(400, 0)
})
