import abandoned from '../../fixtures/decision.abandoned.json' with { type: 'json' };
import approved from '../../fixtures/decision.approved.json' with { type: 'json' };
import declinedAml from '../../fixtures/decision.declined-aml.json' with { type: 'json' };
import declinedFaceMatch from '../../fixtures/decision.declined-face-match.json' with { type: 'json' };
import expired from '../../fixtures/decision.expired.json' with { type: 'json' };
import inProgress from '../../fixtures/decision.in-progress.json' with { type: 'json' };
import inReview from '../../fixtures/decision.in-review.json' with { type: 'json' };
import kycExpired from '../../fixtures/decision.kyc-expired.json' with { type: 'json' };
import notStarted from '../../fixtures/decision.not-started.json' with { type: 'json' };
import type { DecisionFile } from '../fixture-files.ts';

// The package's v1 decision fixtures (`fixtures/*.json`, shipped beside `dist/`), as JSON modules: they
// load without a file system, so the MSW handlers work in a browser (`msw/browser`, Storybook) too.
// A test checks this list against the folder, so a file added there and not here is caught.

/** Every built-in v1 fixture, in file name order. */
export const BUILT_IN_V1_FIXTURES: readonly DecisionFile[] = [
  { file: 'fixtures/decision.abandoned.json', data: abandoned },
  { file: 'fixtures/decision.approved.json', data: approved },
  { file: 'fixtures/decision.declined-aml.json', data: declinedAml },
  { file: 'fixtures/decision.declined-face-match.json', data: declinedFaceMatch },
  { file: 'fixtures/decision.expired.json', data: expired },
  { file: 'fixtures/decision.in-progress.json', data: inProgress },
  { file: 'fixtures/decision.in-review.json', data: inReview },
  { file: 'fixtures/decision.kyc-expired.json', data: kycExpired },
  { file: 'fixtures/decision.not-started.json', data: notStarted },
];
