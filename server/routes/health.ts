/**
 * `GET /v1/health`: liveness without authentication or a database round trip, so load balancers
 * can poll it cheaply (and the benchmark has a baseline for the same stack).
 */
import { Hono } from 'hono';
import type { HealthAnswer } from '../../shared/server-info.ts';
import { API_VERSION, SERVER_VERSION } from '../version.ts';

export const healthRoutes = () =>
  new Hono().get('/health', (c) => c.json({ status: 'ok' as const, version: SERVER_VERSION, api: API_VERSION } satisfies HealthAnswer));
