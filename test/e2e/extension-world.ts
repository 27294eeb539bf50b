/**
 * The tests' way into the extension's content-script world of a page, through the Chrome DevTools
 * Protocol: `Runtime.evaluate` in the isolated world Chromium created for the extension's content
 * scripts in the page's main frame. Code run there has `chrome.dom.openOrClosedShadowRoot`, so it
 * reaches the panel's closed shadow root; the page's own scripts (main world) have no such path.
 * Test-only: nothing in the extension is built differently for it.
 *
 * @example
 * const text = await evaluateInExtensionWorld<string>(page, `document.title`);
 */
import type { CDPSession, Page } from '@playwright/test';

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string; isDefault?: boolean };
}

interface World {
  session: CDPSession;
  /** The extension's isolated contexts alive in this page, by id, with their frame. */
  contexts: Map<number, string>;
}

const worlds = new WeakMap<Page, Promise<World>>();

/** Whether a context is an extension's content-script world (not the page's, not Playwright's). */
function isExtensionWorld(context: ExecutionContext): boolean {
  return context.auxData?.type === 'isolated' && context.origin.startsWith('chrome-extension://');
}

function worldOf(page: Page): Promise<World> {
  let world = worlds.get(page);
  if (!world) {
    world = attach(page);
    worlds.set(page, world);
  }
  return world;
}

async function attach(page: Page): Promise<World> {
  const session = await page.context().newCDPSession(page);
  const world: World = { session, contexts: new Map() };
  session.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => {
    if (!isExtensionWorld(context)) return;
    world.contexts.set(context.id, context.auxData?.frameId ?? '');
  });
  session.on('Runtime.executionContextDestroyed', ({ executionContextId }: { executionContextId: number }) => {
    world.contexts.delete(executionContextId);
  });
  session.on('Runtime.executionContextsCleared', () => world.contexts.clear());
  await session.send('Runtime.enable');
  return world;
}

/** The newest extension context of the page's main frame, if its content script has run. */
async function mainFrameContext(world: World): Promise<number | undefined> {
  const { frameTree } = (await world.session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const ids = [...world.contexts].filter(([, frameId]) => frameId === frameTree.frame.id).map(([id]) => id);
  return ids.length ? Math.max(...ids) : undefined;
}

/** A navigation between finding the context and using it: try again in the new document. */
const GONE = /Cannot find context|Execution context was destroyed|Inspected target navigated|context with specified id/i;

/**
 * Evaluates `expression` (JavaScript source; a promise is awaited) in the extension's world of
 * `page`'s main frame and answers its value (JSON-serialisable). Waits up to `timeout` ms for
 * the content script's world to exist, and retries once the page navigated underneath.
 */
export async function evaluateInExtensionWorld<T>(page: Page, expression: string, timeout = 10_000): Promise<T> {
  const world = await worldOf(page);
  const deadline = Date.now() + timeout;
  for (;;) {
    const contextId = await mainFrameContext(world);
    if (contextId !== undefined) {
      try {
        const answer = (await world.session.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true })) as {
          result: { value?: T };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        };
        if (!answer.exceptionDetails) return answer.result.value as T;
        const message = answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text;
        if (!GONE.test(message)) throw new Error(`in the extension's world: ${message}`);
      } catch (error) {
        if (!GONE.test(String(error))) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error(`no extension content-script world in ${page.url()} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Wraps a function's source as an expression calling it with `args` (JSON). A shim for the
 * `__name` helper tsx and esbuild insert into compiled functions, which that world lacks.
 */
export function callSource(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(...${JSON.stringify(args)}); })()`;
}
