// @vitest-environment jsdom
/**
 * What the compose card does with a window (sites/gmail/compose-actions.ts), on the hand-made send
 * page: recipient changes are heard and typing in the body is not, a talking point goes in at the
 * caret as text (never markup), Send and Ctrl+Enter are heard, a sent window reads as closed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { composeClosed, composeDrift, findComposeRoots, readCompose, threadSubjectOf } from '../../../../../extension/sites/gmail/compose.ts';
import { composeBody, composeFrom, insertPlainText, onSend, watchRecipients } from '../../../../../extension/sites/gmail/compose-actions.ts';
import { handmadeDir, loadPage } from '../common/pages.ts';

let life: AbortController;
beforeEach(() => {
  // Into the test's own document: the caret and focus need a document with a window.
  const page = loadPage(handmadeDir('gmail'), '2026-12-05--compose--send-and-body--handmade.html');
  document.documentElement.replaceWith(document.importNode(page.documentElement, true));
  life = new AbortController();
});
afterEach(() => life.abort());

const newMessage = () => findComposeRoots(document).find((root) => root.getAttribute('aria-label') === 'New Message')!;
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('following a compose window', () => {
  it('hears a chip added and removed, and not the rep typing in the body', async () => {
    const root = newMessage();
    const changed = vi.fn();
    watchRecipients(root, life.signal, changed);
    composeBody(root)!.append(document.createTextNode(' more words'), document.createElement('br'));
    await frames();
    expect(changed).not.toHaveBeenCalled();
    const chip = root.querySelector('[data-hovercard-id="new.person@initech.example"][role="option"]')!;
    chip.remove();
    await frames();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(readCompose(root).to.map((p) => p.address)).toEqual(['ana.lund@initech.example']);
  });

  it('reads the sender and the message id the sent-email log needs', () => {
    const root = newMessage();
    expect(composeFrom(root)).toBe('sofia.lindqvist@northwind-demo.test');
    expect(readCompose(root).draftId).toBe('msg-a:r-8800770066005500440');
  });

  it('heads a reply with the conversation’s own subject, and keeps a new message’s as typed', () => {
    const reply = findComposeRoots(document).find((root) => root.getAttribute('data-compose-id') === 'r-101010')!;
    expect(threadSubjectOf(readCompose(reply))).toBe('Pilot scope');
    expect(threadSubjectOf({ kind: 'reply', subject: 'RE: Re:  Pilot   scope' })).toBe('Pilot scope');
    expect(threadSubjectOf({ kind: 'forward', subject: 'Fwd: Contract' })).toBe('Fwd: Contract');
    expect(threadSubjectOf(readCompose(newMessage()))).toBe('Initech pilot');
  });
});

describe('inserting a talking point', () => {
  it('puts the text at the caret the rep left in the body, as text: markup in it stays characters', () => {
    const root = newMessage();
    const body = composeBody(root)!;
    const caret = document.createRange();
    caret.setStart(body.firstChild!, 'Hi Ana,'.length);
    caret.collapse(true);
    // The rep clicked the card: the selection is elsewhere now.
    document.getSelection()!.removeAllRanges();
    expect(insertPlainText(root, ' <b>Congratulations</b> & welcome', caret)).toBe(true);
    expect(body.textContent).toBe('Hi Ana, <b>Congratulations</b> & welcomeBest, Sofia');
    expect(body.querySelector('b')).toBeNull();
  });

  it('puts it at the end of the body when the rep never placed a caret', () => {
    const root = newMessage();
    insertPlainText(root, 'P.S. pricing');
    expect(composeBody(root)!.textContent!.endsWith('Best, SofiaP.S. pricing')).toBe(true);
  });
});

describe('hearing Send', () => {
  it('hears a click on Send and Ctrl+Enter, not "More send options" nor a click in the body', () => {
    const root = newMessage();
    const sent = vi.fn();
    onSend(root, life.signal, sent);
    (root.querySelector('.hG') as HTMLElement).click();
    composeBody(root)!.click();
    expect(sent).not.toHaveBeenCalled();
    (root.querySelector('.aoO') as HTMLElement).click();
    expect(sent).toHaveBeenCalledTimes(1);
    composeBody(root)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(sent).toHaveBeenCalledTimes(2);
  });

  it('reads a window Gmail removed after sending as closed, and an open one as open', () => {
    const root = newMessage();
    expect(composeClosed(root)).toBe(false);
    root.closest('.AD')!.remove();
    expect(composeClosed(root)).toBe(true);
  });
});

describe('drift in a compose window', () => {
  it('names the recipient field when Gmail renamed it, and nothing on today’s markup', () => {
    const root = newMessage();
    expect(composeDrift(root)).toEqual([]);
    for (const field of root.querySelectorAll('div[name="to"], div[name="cc"]')) field.setAttribute('name', 'recipients-v2');
    expect(composeDrift(root)).toEqual(['gmail.compose.to']);
  });
});
