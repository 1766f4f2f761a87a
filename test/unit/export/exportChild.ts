// Runs one export in its own process, so a test can kill it part-way: node --import tsx exportChild.ts RUN FORMAT OUT
import { exportRun } from '../../../src/main/engine/export/exportRun'
import type { ExportFormat } from '../../../src/shared/export'

const [runDir, format, out] = process.argv.slice(2)
if (!runDir || !format || !out) throw new Error('usage: exportChild.ts RUN_DIR FORMAT OUT')
await exportRun(runDir, format as ExportFormat, out)
process.stdout.write('done\n')
