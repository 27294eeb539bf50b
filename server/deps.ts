/**
 * What route factories receive: the database, the clock and configuration. Time is a parameter
 * so tests run on a fixed clock.
 */
import type { OpenedDatabase } from './db/connect.ts';
import type { ServerEnv } from './env.ts';

export interface Deps {
  db: OpenedDatabase;
  now: () => Date;
  env: ServerEnv;
}
