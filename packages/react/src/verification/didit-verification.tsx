'use client';
import type {
  DiditSdk,
  DiditSdkConfiguration,
  DiditSdkState,
  VerificationEvent,
  VerificationResult,
} from '@didit-protocol/sdk-web';
import { useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useEffect, useId, useRef } from 'react';
import { useDiditContext } from '../provider.tsx';
import { diditQueryKeys } from '../query-keys.ts';
import { claimSdk, loadSdk, releaseSdk } from './sdk.ts';

/** `modal`: Didit's overlay over the page. `embedded`: an iframe inside this component's element. */
export type DiditVerificationMode = 'modal' | 'embedded';

/** The web SDK's options; `embedded` and `embeddedContainerId` follow from `mode`. */
export type DiditVerificationConfiguration = Omit<DiditSdkConfiguration, 'embedded' | 'embeddedContainerId'>;

export interface DiditVerificationProps {
  /** The session's `url`, as create returned it (Didit's hosted page, or the mock's). */
  url: string;
  /**
   * The session whose queries (its decision) are refreshed when the flow ends. Default: the
   * `sessionId` the page reports.
   */
  sessionId?: string | undefined;
  /** Default `modal`. */
  mode?: DiditVerificationMode | undefined;
  /** Read when the flow starts; a new `url` or `mode` starts it again. */
  configuration?: DiditVerificationConfiguration | undefined;
  /** The flow ended: `completed`, `cancelled` (closed by the user) or `failed` (with `error`). */
  onComplete?: ((result: VerificationResult) => void) | undefined;
  /** The SDK's state: `loading` when the page opens, `error` with a message when it cannot. */
  onStateChange?: ((state: DiditSdkState, error?: string) => void) | undefined;
  /** Every `didit:*` event of the page (steps, media, status), as the SDK reports it. */
  onEvent?: ((event: VerificationEvent) => void) | undefined;
  /** For the embedded element. */
  className?: string | undefined;
  /** For the embedded element; without `style` or `className` it is 100% wide and 640 px high. */
  style?: CSSProperties | undefined;
}

const DEFAULT_EMBEDDED_STYLE: CSSProperties = { width: '100%', height: 640 };

/**
 * Didit's verification flow in the page, over the official web SDK (`@didit-protocol/sdk-web`,
 * loaded on first use). When the flow ends it refreshes the session's decision query, so
 * `useSessionDecision` shows the result without waiting for the next poll. Inside `DiditProvider`
 * and `QueryClientProvider`. One flow at a time: the SDK is a singleton.
 */
export function DiditVerification(props: DiditVerificationProps) {
  const { url, mode = 'modal', className, style } = props;
  const containerId = `didit-verification-${useId().replace(/[^\w-]/g, '')}`;
  const { client, keyScope } = useDiditContext();
  const queryClient = useQueryClient();
  // Callbacks and configuration are read when used, so new function props do not restart the flow.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    let active = true;
    const owner = {};
    let sdk: DiditSdk | undefined;
    const refresh = (sessionId: string | undefined) => {
      if (sessionId === undefined) return;
      void queryClient.invalidateQueries({ queryKey: diditQueryKeys.session(keyScope ?? client, sessionId) });
    };
    loadSdk().then(
      (DiditSdkClass) => {
        // Unmounted (or restarted, as StrictMode does on mount) while the SDK loaded.
        if (!active) return;
        sdk = claimSdk(DiditSdkClass, owner);
        sdk.onComplete = (result) => {
          refresh(latest.current.sessionId ?? result.session?.sessionId);
          latest.current.onComplete?.(result);
        };
        sdk.onStateChange = (state, error) => latest.current.onStateChange?.(state, error);
        sdk.onEvent = (event) => latest.current.onEvent?.(event);
        const configuration: DiditSdkConfiguration = { ...latest.current.configuration };
        if (mode === 'embedded') Object.assign(configuration, { embedded: true, embeddedContainerId: containerId });
        void sdk.startVerification({ url, configuration });
      },
      (error: unknown) => {
        if (!active) return;
        const message = `@didit-protocol/sdk-web could not be loaded (install it beside @didit-kit/react): ${String(error)}`;
        latest.current.onStateChange?.('error', message);
        latest.current.onComplete?.({ type: 'failed', error: { type: 'unknown', message } });
      },
    );
    return () => {
      active = false;
      if (sdk) releaseSdk(sdk, owner);
    };
  }, [url, mode, containerId, client, keyScope, queryClient]);

  if (mode !== 'embedded') return null;
  const ownStyle = style === undefined && className === undefined ? DEFAULT_EMBEDDED_STYLE : style;
  return <div id={containerId} className={className} style={ownStyle} />;
}
