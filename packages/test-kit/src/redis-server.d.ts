export interface LocalRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills the server (SIGKILL: a crash, not a clean shutdown). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** Whether `redis-server` is on the PATH. */
export declare function hasRedisServer(): boolean;

/**
 * A real redis-server on a free port of 127.0.0.1, without persistence, answering PING when this
 * resolves. Rejects with how to install it when there is none.
 */
export declare function startRedis(): Promise<LocalRedis>;
