// These tests run the hooks against v1 stand-ins (the mock server and the seed's decision), so
// the hooks' types follow v1 here, as a v1 app would declare it.
declare module '../src/register.ts' {
  interface Register {
    apiVersion: 'v1';
  }
}

export {};
