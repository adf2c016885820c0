import type { DiditSdk } from '@didit-protocol/sdk-web';

// The web SDK is one shared instance (`DiditSdk.shared`) with one set of callbacks, so the component
// that started the current flow owns it: a component unmounting after another took over must not
// tear down the other's flow.

/** Loaded on first use: apps that only redirect never download the SDK. */
export async function loadSdk(): Promise<typeof DiditSdk> {
  const module = await import('@didit-protocol/sdk-web');
  return module.DiditSdk;
}

let currentOwner: object | undefined;

/** The shared SDK, now driven by `owner`. */
export function claimSdk(sdkClass: typeof DiditSdk, owner: object): DiditSdk {
  currentOwner = owner;
  return sdkClass.shared;
}

/** Closes the flow and drops the callbacks, if `owner` still drives the SDK. */
export function releaseSdk(sdk: DiditSdk, owner: object): void {
  if (currentOwner !== owner) return;
  currentOwner = undefined;
  sdk.onComplete = undefined;
  sdk.onStateChange = undefined;
  sdk.onEvent = undefined;
  sdk.destroy();
}
