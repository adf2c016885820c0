import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { describe, expect, it } from 'vitest';

// The same test files run twice: in project `react` on React 19, in project `react18` on React 18.
const expected = process.env.EXPECTED_REACT_MAJOR;

describe('the React under test', () => {
  it(`is React ${expected} (react and react-dom alike)`, () => {
    expect(expected).toMatch(/^1[89]$/);
    expect(version.split('.')[0]).toBe(expected);
    expect(domVersion).toBe(version);
  });
});
