import { Suspense } from 'react';
import { currentUser } from '@/lib/demo-auth';
import { signIn, signOut } from './actions';
import { StartVerification } from './start-verification';

export default function Home() {
  return (
    <main className="mx-auto w-full max-w-2xl flex-1 px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Verify your identity</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Your server creates a Didit session for the signed-in user; you verify on Didit&apos;s page or inside this one;
        Didit&apos;s webhook brings the result back, and this page shows it as it arrives.
      </p>
      <Suspense fallback={<p className="mt-8">Loading…</p>}>
        <Account />
      </Suspense>
    </main>
  );
}

/** Reads the sign-in cookie, so it renders per request (inside Suspense, as Cache Components require). */
async function Account() {
  const user = await currentUser();
  if (user === undefined) {
    return (
      <form action={signIn} className="mt-8 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          Your name (demo sign-in: a stand-in for real auth)
          <input
            name="name"
            required
            pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}"
            autoComplete="username"
            className="rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button type="submit" className="rounded-md bg-zinc-900 px-4 py-2 text-white dark:bg-zinc-100 dark:text-black">
          Sign in
        </button>
      </form>
    );
  }
  return (
    <>
      <form action={signOut} className="mt-8 flex items-center gap-3 text-sm">
        <span>
          Signed in as <strong data-testid="user">{user}</strong>
        </span>
        <button type="submit" className="underline">
          Sign out
        </button>
      </form>
      <StartVerification />
    </>
  );
}
