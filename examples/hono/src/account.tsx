import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { StartVerification } from './start-verification.tsx';

/** The demo sign-in (server/demo-auth.ts: a stand-in for your real auth), then the verification. */
export function Account() {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: () => send('GET', '/api/me') });
  const signIn = useMutation({
    mutationFn: (name: string) => send('POST', '/api/sign-in', { name }),
    onSuccess: (data) => queryClient.setQueryData(['me'], data),
  });
  const signOut = useMutation({
    mutationFn: () => send('POST', '/api/sign-out', {}),
    onSuccess: (data) => queryClient.setQueryData(['me'], data),
  });

  if (me.isPending) return <p>Loading…</p>;
  if (me.isError) return <p role="alert">Could not reach the server.</p>;
  const user = me.data.user;
  if (user === null) {
    const submit = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      signIn.mutate(String(new FormData(event.currentTarget).get('name') ?? ''));
    };
    return (
      <form className="sign-in" onSubmit={submit}>
        <label>
          Your name (demo sign-in: a stand-in for real auth)
          <input name="name" required pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}" autoComplete="username" />
        </label>
        <button type="submit" disabled={signIn.isPending}>
          Sign in
        </button>
        {signIn.error ? <p role="alert">{signIn.error.message}</p> : null}
      </form>
    );
  }
  return (
    <>
      <p className="signed-in">
        Signed in as <strong data-testid="user">{user}</strong>{' '}
        <button type="button" className="link" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </p>
      <StartVerification />
    </>
  );
}

async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ user: string | null }> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.detail ?? `The server answered ${response.status}.`);
  return data;
}
