/** The one request/answer helper every boundary uses (see rpcEndpoint.ts); no runtime of its own. */
export { createRpcEndpoint, type RpcAnswerer, type RpcEndpoint } from './rpcEndpoint'
export type { RpcMessage } from './rpcMessages'
export { routeAnswerer, unwrap } from './rpcResults'
