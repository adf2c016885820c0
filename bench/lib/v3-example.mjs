// Didit's v3 user decision example, the spec's own (as the core's integration tests find it:
// $DIDIT_SHARED_API, else /work/shared/api).
import { join } from 'node:path';

const SHARED_API = process.env.DIDIT_SHARED_API ?? '/work/shared/api';

/** Path of `decision.user.json`: the body of `GET /v3/session/{id}/decision/` in the spec's example. */
export const V3_DECISION_EXAMPLE = join(SHARED_API, 'examples', 'v3', 'decision.user.json');
