'use server';
// The demo sign-in's Server Actions (see lib/demo-auth.ts: a stand-in for your real auth).
import { cookies } from 'next/headers';
import { DEMO_USER_COOKIE, isUserName } from '@/lib/demo-auth';

export async function signIn(formData: FormData): Promise<void> {
  const name = String(formData.get('name') ?? '')
    .trim()
    .toLowerCase();
  if (!isUserName(name)) return;
  (await cookies()).set(DEMO_USER_COOKIE, name, { httpOnly: true, sameSite: 'lax', path: '/' });
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(DEMO_USER_COOKIE);
}
