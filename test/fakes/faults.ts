/**
 * What both CRM fakes share: listening on 127.0.0.1:0, a request log, and fault injection.
 * A fault matches a method and path (a string prefix or a RegExp) for its next `times` requests,
 * and answers `status` with `headers` and `body`, waits `delayMs` first, or drops the connection:
 * `drop: 'before'` before the request is handled (a reset), `'after'` once the handler has done its
 * work (the write happened; the caller never hears of it).
 */
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import type { Hono, MiddlewareHandler } from 'hono';

export interface Fault {
  method?: string;
  path: string | RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  drop?: 'before' | 'after';
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

export type FakeEnv = { Bindings: HttpBindings };

export class FaultBox {
  private readonly faults: Array<Fault & { left: number }> = [];
  readonly log: LoggedRequest[] = [];
  /** Optional: a fault per request drawn by the seeded fault run. */
  random: ((method: string, path: string) => Fault | null) | null = null;

  add(fault: Fault) {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }
  clear() {
    this.faults.length = 0;
    this.random = null;
  }
  private take(method: string, path: string): Fault | null {
    const index = this.faults.findIndex(
      (f) => f.left > 0 && (!f.method || f.method === method) && (typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path)),
    );
    if (index >= 0) {
      const fault = this.faults[index]!;
      fault.left -= 1;
      if (fault.left === 0) this.faults.splice(index, 1);
      return fault;
    }
    return this.random?.(method, path) ?? null;
  }

  /** The middleware every fake puts first. */
  middleware(): MiddlewareHandler<FakeEnv> {
    return async (c, next) => {
      const path = new URL(c.req.url).pathname;
      const fault = this.take(c.req.method, path);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.drop === 'before') {
        c.env.incoming.socket.destroy();
        this.log.push({ method: c.req.method, path, status: 0 });
        return new Response(null, { status: 599 });
      }
      if (fault?.status) {
        this.log.push({ method: c.req.method, path, status: fault.status });
        const body = fault.body === undefined ? '' : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
        return new Response(body, { status: fault.status, headers: { 'content-type': 'application/json', ...fault.headers } });
      }
      await next();
      this.log.push({ method: c.req.method, path, status: c.res.status });
      if (fault?.drop === 'after') {
        // The handler ran (a write is stored); the answer never arrives.
        c.env.incoming.socket.destroy();
      }
    };
  }
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves a fake on a free loopback port. */
export function listen(app: Hono<FakeEnv>): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
