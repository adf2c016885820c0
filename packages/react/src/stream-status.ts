// `@didit-kit/react/stream-status`: kept out of the main entry, whose size budget it would break.
export { isDecisionStreamLive } from './decision-stream.ts';
