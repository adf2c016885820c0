import { APPROVED_SESSION } from '../../smoke-sessions.mjs';
import { Decision } from './decision';
import { VerifyButton } from './verify-button';

export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { session } = await searchParams;
  return (
    <main>
      <h1>didit-kit smoke: Next.js</h1>
      <Decision sessionId={typeof session === 'string' ? session : APPROVED_SESSION} />
      <VerifyButton />
    </main>
  );
}
