import abandoned from '../../fixtures/v3/decision.abandoned.json' with { type: 'json' };
import approved from '../../fixtures/v3/decision.approved.json' with { type: 'json' };
import declinedDocumentExpired from '../../fixtures/v3/decision.declined-document-expired.json' with { type: 'json' };
import declinedFaceMatch from '../../fixtures/v3/decision.declined-face-match.json' with { type: 'json' };
import expired from '../../fixtures/v3/decision.expired.json' with { type: 'json' };
import inReviewAml from '../../fixtures/v3/decision.in-review-aml.json' with { type: 'json' };
import kybAwaitingUser from '../../fixtures/v3/decision.kyb-awaiting-user.json' with { type: 'json' };
import kybDeclinedRegistry from '../../fixtures/v3/decision.kyb-declined-registry.json' with { type: 'json' };
import resubmitted from '../../fixtures/v3/decision.resubmitted.json' with { type: 'json' };
import type { DecisionFile } from '../fixture-files.ts';

// The package's v3 decision fixtures (`fixtures/v3/*.json`, shipped beside `dist/`), as JSON modules: they
// load without a file system, so the MSW handlers work in a browser (`msw/browser`, Storybook) too.
// A test checks this list against the folder, so a file added there and not here is caught.

/** Every built-in v3 fixture, in file name order. */
export const BUILT_IN_V3_FIXTURES: readonly DecisionFile[] = [
  { file: 'fixtures/v3/decision.abandoned.json', data: abandoned },
  { file: 'fixtures/v3/decision.approved.json', data: approved },
  { file: 'fixtures/v3/decision.declined-document-expired.json', data: declinedDocumentExpired },
  { file: 'fixtures/v3/decision.declined-face-match.json', data: declinedFaceMatch },
  { file: 'fixtures/v3/decision.expired.json', data: expired },
  { file: 'fixtures/v3/decision.in-review-aml.json', data: inReviewAml },
  { file: 'fixtures/v3/decision.kyb-awaiting-user.json', data: kybAwaitingUser },
  { file: 'fixtures/v3/decision.kyb-declined-registry.json', data: kybDeclinedRegistry },
  { file: 'fixtures/v3/decision.resubmitted.json', data: resubmitted },
];
