import {
  ConnectionError,
  NotFoundError,
  ServerError,
  type SessionDecision,
  sessionDecisionSchema,
} from '@didit-kit/core/v1';
import { v1Example } from '@didit-kit/test-kit/didit';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DecisionView } from '../src/decision/decision-view.tsx';
import { describeError } from '../src/states.tsx';

const seedJson: unknown = v1Example('decision.declined-aml.json');
const seed = sessionDecisionSchema.parse(seedJson);

function render(decision: SessionDecision): string {
  return renderToStaticMarkup(<DecisionView decision={decision} />);
}

describe('DecisionView', () => {
  it('shows every part of the seed decision: KYC, AML hit, face, location, warnings, reviews, PDF link', () => {
    const html = render(seed);
    for (const text of [
      'Sergey Kozlov',
      'Declined',
      'Passport',
      'BK123456',
      'Spain (ESP)',
      '1990-01-01',
      '2026-03-24',
      'Kozlov Sergey Alexandrovich',
      '70.35 %',
      '70.35 / 100',
      'ru_acf_bribetakers',
      'Козлов Сергей Александрович',
      'Organizers of political repressions',
      '97.99 %',
      '87.99 %',
      '8,393.68 km NE',
      'POSSIBLE_MATCH_FOUND',
      'compliance@example.com',
      'Possible match found in AML screening',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`href="/api/didit/v1/session/${seed.session_id}/generate-pdf/"`);
    expect(html).toContain('alt="Portrait of Sergey Kozlov from the document"');
    expect(html).toMatch(/<th scope="row">Alias<\/th>/);
  });

  it('says plainly when a feature block is missing, instead of crashing', () => {
    const html = render({ ...seed, kyc: null, aml: undefined, face: null, location: null, warnings: [], reviews: [] });
    expect(html).toContain('Document verification was not part of this session.');
    expect(html).toContain('AML screening was not part of this session.');
    expect(html).toContain('Face verification was not part of this session.');
    expect(html).toContain('No warnings.');
  });

  it('shows an unknown status as sent, with a notice, and keeps the rest of the decision', () => {
    const html = render({ ...seed, status: 'Pending Second Look' });
    expect(html).toContain('role="status"');
    expect(html).toContain('a status this demo does not know');
    expect(html).toContain('Pending Second Look');
    expect(html).toContain('data-terminal="false"');
    expect(html).toContain('Kozlov Sergey Alexandrovich');
  });

  it('flags an IP country that differs from the document country', () => {
    const location = { ...seed.location, ip_country: 'Colombia', ip_country_code: 'CO', is_vpn_or_tor: true };
    const html = render({ ...seed, location });
    expect(html).toContain('The IP country does not match the document country.');
    expect(html).toContain('Yes: traffic is anonymised');
  });
});

describe('describeError', () => {
  it('tells not found, network failure and anything else apart', () => {
    expect(describeError(new NotFoundError('x', { status: 404, body: {}, requestId: undefined })).state).toBe(
      'not-found',
    );
    expect(describeError(new ConnectionError('x')).state).toBe('network');
    expect(describeError(new ServerError('x', { status: 502, body: {}, requestId: undefined })).state).toBe('network');
    expect(describeError(new Error('boom')).state).toBe('error');
  });
});
