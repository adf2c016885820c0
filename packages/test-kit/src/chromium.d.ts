import type { Browser, BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), or `CHROMIUM_PATH`. */
export declare const CHROMIUM_PATH: string;

/** Headless, no sandbox, no GPU, and none of the start-up calls to outside hosts (refused here). */
export declare const CHROMIUM_ARGS: readonly string[];

/** Whether there is a Chromium at `CHROMIUM_PATH`. */
export declare function hasChromium(): boolean;

/**
 * A headless Chromium with a fresh profile (playwright gives every launch its own temporary
 * user-data-dir). Rejects with how to install Chromium when there is none at `CHROMIUM_PATH`.
 */
export declare function launchChromium(): Promise<Browser>;

/**
 * A headless Chromium on a profile of its own in `userDataDir` (a new, empty directory), started with
 * `preferences` as the profile's `Preferences` file: for what an incognito context (`launchChromium`,
 * `newContext`) cannot have, such as third-party cookies allowed as in a normal Chrome window
 * (`{ profile: { cookie_controls_mode: 0 } }`).
 */
export declare function launchChromiumProfile(userDataDir: string, preferences: object): Promise<BrowserContext>;
