import type { VerificationResult } from '@didit-protocol/sdk-web';
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DiditVerification } from '../src/verification/index.ts';
import { didit } from './support/render.tsx';

// An app that did not install the optional peer: the import fails (stubbed here: the SDK is not
// our code), and the component says so through its callbacks instead of throwing in an effect.
vi.mock('@didit-protocol/sdk-web', () => {
  throw new Error("Cannot find package '@didit-protocol/sdk-web'");
});

describe('<DiditVerification> without @didit-protocol/sdk-web', () => {
  it('reports a failed result and an error state naming the package to install', async () => {
    const onComplete = vi.fn<(result: VerificationResult) => void>();
    const onStateChange = vi.fn();
    const { wrapper } = didit(() => Promise.reject(new Error('no request expected')));
    const { container } = render(
      <DiditVerification
        url="https://verify.didit.me/session/abc"
        mode="embedded"
        onComplete={onComplete}
        onStateChange={onStateChange}
      />,
      { wrapper },
    );
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    const result = onComplete.mock.calls[0]![0];
    expect(result.type).toBe('failed');
    expect(result.error?.message).toMatch(/@didit-protocol\/sdk-web could not be loaded \(install it/);
    expect(onStateChange).toHaveBeenCalledWith('error', result.error?.message);
    expect(container.querySelector('iframe')).toBeNull();
  });
});
