/**
 * Placeholder: filled in by its own change.
 */
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';

export const changesRoutes = (_deps: Deps) => new Hono<AppEnv>();
