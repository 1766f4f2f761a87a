/**
 * A run's name on screen. The app's run ids are "YYYYMMDD-HHMMSS-xxxx": their time is shown beside them
 * anyway, and its last digits read like a counter that jumps ("1-yu3i", then "6-kc0x"), so the four
 * random characters name the run. Another id (the folder name of a run the CLI trained) is shown whole,
 * or its end when it is long.
 */
export function shortRunId(id: string): string {
  const app = /^\d{8}-\d{6}-([a-z0-9]{4})$/.exec(id)
  if (app?.[1]) return app[1]
  return id.length <= 14 ? id : `…${id.slice(-12)}`
}
