/**
 * Helpers the Gmail e2e specs share: the hand-made conversations (test/fixtures/gmail/*--handmade.html,
 * people of the demo CRM), their URLs at mail.google.com, and the panel's text read in the
 * extension's world (the panel lives in a closed shadow root, like LinkedIn's: ./linkedin-panel.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callSource, evaluateInExtensionWorld } from './extension-world.ts';
import { REPO_ROOT } from './harness.ts';

export const GMAIL_HOST = 'div[data-signalhouse-ui="signalhouse-gmail-panel"]';
export const GMAIL_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/gmail');

/** Daniel Ortega Lind and Rohan Whitfield (Novare Potential) write with the rep: three messages. */
export const NOVARE = {
  file: path.join(GMAIL_FIXTURES, '2026-12-05--thread--novare-three-messages--handmade.html'),
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsNovarePilotScopeQ1',
};
/** Maya Rani Perera (Swedbank) and Pat Quinn (in no CRM record), in the reading-pane layout. */
export const SWEDBANK = {
  file: path.join(GMAIL_FIXTURES, '2026-12-05--thread--swedbank-reading-pane--handmade.html'),
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsSwedbankDataReview',
};

/** The markup between a fixture's `<!-- conversation -->` markers: what Gmail adds when a thread opens. */
export function conversationOf(file: string): string {
  const html = readFileSync(file, 'utf8');
  const match = /<!-- conversation -->([\s\S]*?)<!-- \/conversation -->/.exec(html);
  if (!match) throw new Error(`${file} has no conversation markers`);
  return match[1]!;
}

function panelTextIn(host: string): string {
  const element = document.querySelector(host);
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const root = element && dom.openOrClosedShadowRoot(element);
  // The stylesheet is text too: only the panel's frame.
  return (root?.querySelector('div')?.textContent ?? root?.textContent) ?? '';
}

/** The Gmail panel's text ('' when there is none). */
export function gmailPanelText(page: Page): Promise<string> {
  return evaluateInExtensionWorld<string>(page, callSource(panelTextIn as (...args: never[]) => unknown, GMAIL_HOST));
}

/** Waits until the Gmail panel's text contains every one of `texts`; rejects with the last text seen. */
export async function waitForGmailPanel(page: Page, texts: string[], timeout = 30_000): Promise<string> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeout) {
    last = await gmailPanelText(page).catch(() => '');
    if (texts.every((text) => last.includes(text))) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the Gmail panel did not show ${JSON.stringify(texts)} within ${timeout} ms; it showed ${JSON.stringify(last.slice(-400))}`);
}

function recordIn(host: string): void {
  const dom = (globalThis as unknown as { chrome: { dom: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } }).chrome.dom;
  const frames: string[] = [];
  Object.assign(globalThis, { __gmailFrames: frames });
  const tick = () => {
    const element = document.querySelector(host);
    const root = element && dom.openOrClosedShadowRoot(element);
    frames.push((root?.querySelector('div')?.textContent ?? root?.textContent) ?? '');
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Records the panel's text at every animation frame from now on, to assert what never showed. */
export async function recordGmailFrames(page: Page): Promise<void> {
  await evaluateInExtensionWorld(page, callSource(recordIn as (...args: never[]) => unknown, GMAIL_HOST));
}

/** Every frame's text since `recordGmailFrames`. */
export function gmailFrames(page: Page): Promise<string[]> {
  return evaluateInExtensionWorld<string[]>(page, '(globalThis.__gmailFrames ?? [])');
}
