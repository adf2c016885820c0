// A STAND-IN FOR YOUR REAL SIGN-IN. The "signed-in user" is a plain cookie holding a name, which anyone can set
// to anything: it proves nothing. Replace `userFromCookies` with your auth library's check of its own session
// (Passport, Auth.js, better-auth, ...) and keep the rest of the app as it is.

export const DEMO_USER_COOKIE = 'demo_user';

/** Lower-case letters, digits, `-` and `_`, at most 32: safe in a cookie, a log line and Didit's `vendor_data`. */
const USER_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function isUserName(name: string): boolean {
  return USER_NAME.test(name);
}

/** The signed-in user, from a `Cookie` header. */
export function userFromCookies(cookieHeader: string | null | undefined): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, value] = pair.trim().split('=', 2);
    if (name === DEMO_USER_COOKIE && value !== undefined && isUserName(value)) return value;
  }
  return undefined;
}

/** The signed-in user of a fetch `Request` (what the Didit proxy's callbacks get). */
export function signedInUser(request: Request): string | undefined {
  return userFromCookies(request.headers.get('cookie'));
}
