// In a browser build the generated resources are left out: a browser holds no API key, and talks to
// your proxy, which serves the sessions routes only. (`client.users` and the rest are undefined there.)
export function v3Resources(): undefined {
  return undefined;
}
