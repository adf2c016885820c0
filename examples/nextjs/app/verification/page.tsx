import Link from 'next/link';
import { Suspense } from 'react';
import { VerificationStatus } from '../verification-status';

/**
 * Didit's hosted page sends the user back here (the session's `callback`) with
 * ?verificationSessionId=...&status=... The status in the address is not trusted: the page shows the decision
 * from Didit, through the proxy.
 */
export default function VerificationPage({ searchParams }: PageProps<'/verification'>) {
  return (
    <main className="mx-auto w-full max-w-2xl flex-1 px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Your verification</h1>
      <div className="mt-6">
        <Suspense fallback={<p>Loading…</p>}>
          <Result searchParams={searchParams} />
        </Suspense>
      </div>
      <Link href="/" className="mt-8 inline-block underline">
        Back to the start
      </Link>
    </main>
  );
}

async function Result({ searchParams }: Pick<PageProps<'/verification'>, 'searchParams'>) {
  const { verificationSessionId } = await searchParams;
  if (typeof verificationSessionId !== 'string') return <p>No verification session in the address.</p>;
  return <VerificationStatus sessionId={verificationSessionId} />;
}
