import { ensureMnistPngFolder } from './mnistPngFolder'
console.log(await ensureMnistPngFolder())
