import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS, type SessionDecisionOptions, useSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import { advance, didit, useFakeClock } from './support/render.tsx';

/** Shows a decision the way an app would, and counts its own renders. */
function DecisionView({ onRender, options }: { onRender: () => void; options?: SessionDecisionOptions }) {
  onRender();
  const { data, error } = useSessionDecision(SESSION_A, options);
  if (error) return <p>error: {error.code}</p>;
  if (!data) return <p>loading</p>;
  return (
    <p>
      status: {data.status}; aml hits: {data.aml?.total_hits}
    </p>
  );
}

function setup(fake: FakeDidit, options?: SessionDecisionOptions) {
  const { wrapper } = didit(fake.fetch);
  let renders = 0;
  render(<DecisionView onRender={() => renders++} options={options} />, { wrapper });
  return { renders: () => renders };
}

describe('rendering a polled decision', () => {
  beforeEach(useFakeClock);

  it('does not re-render when a poll returns the same decision', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const view = setup(fake);
    await advance(0);
    expect(screen.getByText(/status: In Progress/)).toBeTruthy();
    const rendersWithData = view.renders();

    // One act() per poll: React may batch the updates of one act() into a single render.
    for (let poll = 0; poll < 3; poll++) await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(4);
    expect(view.renders()).toBe(rendersWithData);

    fake.setStatus(SESSION_A, 'Declined');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(screen.getByText(/status: Declined/)).toBeTruthy();
    expect(view.renders()).toBe(rendersWithData + 1);
  });

  it('re-renders on every poll when structural sharing is turned off (the counter sees re-renders)', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const view = setup(fake, { structuralSharing: false });
    await advance(0);
    const rendersWithData = view.renders();

    // One act() per poll: React may batch the updates of one act() into a single render.
    for (let poll = 0; poll < 3; poll++) await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(4);
    expect(view.renders()).toBe(rendersWithData + 3);
  });

  it('renders a status this version does not know', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'Awaiting Second Reviewer' });
    setup(fake);
    await advance(0);
    expect(screen.getByText(/status: Awaiting Second Reviewer; aml hits: 1/)).toBeTruthy();
  });

  it('renders the error code when the session does not exist', async () => {
    const fake = new FakeDidit({});
    setup(fake);
    await advance(0);
    expect(screen.getByText('error: not_found')).toBeTruthy();
  });
});
