// A thread that keeps a churn of young objects alive, as training does, and reports the largest its
// young generation grew to (V8 grows it up to the limit the thread was started with).
import { getHeapSpaceStatistics } from 'node:v8'
import { parentPort } from 'node:worker_threads'

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0
let largest = 0
let kept = []
for (let i = 0; i < 3_000_000; i++) {
  kept.push({ i, values: [i] })
  if (kept.length > 200_000) kept = []
  if (i % 50_000 === 0) largest = Math.max(largest, newSpace())
}
parentPort?.postMessage(largest)
