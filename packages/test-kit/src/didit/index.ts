export {
  type V1ExampleName,
  type V3ExampleName,
  v1Example,
  v1ExamplePath,
  v3Example,
  v3ExamplePath,
} from './examples.ts';
export { diditSpec, matchOperation, type OperationAuth, type SpecOperation, specOperations } from './operations.ts';
export type { Generation, RouteName } from './routes.ts';
export {
  type Answer,
  after,
  createDiditStandIn,
  type DiditStandIn,
  type DiditStandInOptions,
  json,
  NOT_FOUND_HTML,
  type OperationKey,
  PDF_BYTES,
  type Recorded,
  type Script,
  type ScriptKey,
  type ServedDiditStandIn,
  startDiditStandIn,
  tokenBody,
} from './stand-in.ts';
