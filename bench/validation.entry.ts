// Bundled by bench/validation.mjs: the same validator the client runs on each decision.
export { sessionDecisionSchema } from '../packages/core/src/schemas/decision.schema.ts';
export { compileFastValidator } from '../packages/core/src/schemas/fast-validator.ts';
