// @vitest-environment jsdom
/**
 * Compose windows on a hand-made page (no capture exists): each window found once, read on its own,
 * with the traps of host-pages.md §2c (empty data-name, hidden twins, suggestion and autocomplete
 * chips, typed addresses, classic inputs, collapsed replies, a closed compose still in the page).
 */
import { describe, expect, it } from 'vitest';
import { COMPOSE_ROOT_SELECTOR, findComposeRoots, readCompose, recipientsOf } from '../../../../../extension/sites/gmail/compose.ts';
import { handmadeDir, loadPage, pageAt } from '../common/pages.ts';

const page = () => loadPage(handmadeDir('gmail'), '2026-12-04--compose--several-windows--handmade.html');

describe('finding compose windows', () => {
  it('finds the four open windows once each, not the closed one kept hidden', () => {
    const roots = findComposeRoots(page());
    expect(roots.map((root) => root.getAttribute('data-compose-id') ?? root.getAttribute('aria-label'))).toEqual(['r-998877', 'r-554433', 'New Message', 'Fwd: Contract draft']);
  });

  it('offers one selector for element-scoped features that matches each window root', () => {
    const doc = page();
    const matched = [...doc.querySelectorAll(COMPOSE_ROOT_SELECTOR)];
    for (const root of findComposeRoots(doc)) expect(matched).toContain(root);
  });
});

describe('reading one compose window', () => {
  it('reads a new message: named chips, an unnamed new address, a comma in a name, Bcc, the typed address apart', () => {
    const root = findComposeRoots(page()).find((r) => r.getAttribute('aria-label') === 'New Message')!;
    expect(readCompose(root)).toEqual({
      kind: 'new',
      inline: false,
      ui: 'chips',
      to: [{ address: 'jane.doe@acme.example', name: 'Jane Doe' }, { address: 'new.person@initech.example' }],
      cc: [{ address: 'bob.stone@acme.example', name: 'Stone, Bob' }],
      bcc: [{ address: 'ana.lind@northwind.example', name: 'Ana Lind' }],
      typed: [{ field: 'to', address: 'peter.gibbons@initech.example' }],
      recipientsCollapsed: false,
      subject: 'Pricing follow-up',
      composeId: 'c-112233',
      draftId: 'msg-a:r-6684920173542219012',
    });
  });

  it('never reads the suggestion chip, the autocomplete list or the hidden twins as recipients', () => {
    const root = findComposeRoots(page()).find((r) => r.getAttribute('aria-label') === 'New Message')!;
    expect(root.querySelectorAll('span[email]')).toHaveLength(2);
    const text = JSON.stringify(readCompose(root));
    for (const other of ['suggested.person', 'karin.holm']) expect(text).not.toContain(other);
    expect(recipientsOf(readCompose(root))).toHaveLength(4);
  });

  it('reads an inline reply and its thread, independently of the other windows', () => {
    const [reply] = findComposeRoots(page());
    expect(readCompose(reply!)).toEqual({
      kind: 'reply',
      inline: true,
      ui: 'chips',
      to: [{ address: 'bob.stone@acme.example', name: 'Bob Stone' }],
      cc: [],
      bcc: [],
      typed: [],
      recipientsCollapsed: false,
      subject: 'Re: Pricing for 2027',
      composeId: 'r-998877',
      threadId: 'thread-f:1883365598822708129',
    });
  });

  it('knows a collapsed reply shows its recipients as text only', () => {
    const collapsed = findComposeRoots(page())[1]!;
    expect(readCompose(collapsed)).toMatchObject({ kind: 'reply', inline: true, recipientsCollapsed: true, to: [], composeId: 'r-554433' });
  });

  it('reads a classic pop-out forward, quoted names with commas kept whole', () => {
    const forward = findComposeRoots(page())[3]!;
    expect(readCompose(forward)).toMatchObject({
      kind: 'forward',
      ui: 'classic',
      to: [{ address: 'jane.doe@acme.example', name: 'Doe, Jane' }, { address: 'carl@initech.example' }],
      cc: [{ address: 'omar.haddad@globex.example', name: 'Omar Haddad' }],
      subject: 'Fwd: Contract draft',
      threadId: 'thread-f:1882370919629289335',
    });
  });

  it('follows chips as they are added and removed', () => {
    const doc = page();
    const root = findComposeRoots(doc).find((r) => r.getAttribute('aria-label') === 'New Message')!;
    root.querySelector('[data-hovercard-id="jane.doe@acme.example"][role="option"]')!.remove();
    const listbox = root.querySelector('div[name="cc"] [role="listbox"] .agb')!;
    const chip = doc.createElement('div');
    chip.setAttribute('role', 'option');
    chip.setAttribute('data-hovercard-id', 'li.wei@globex.example');
    chip.setAttribute('data-name', '');
    listbox.append(chip);
    const compose = readCompose(root);
    expect(compose.to).toEqual([{ address: 'new.person@initech.example' }]);
    expect(compose.cc).toEqual([{ address: 'bob.stone@acme.example', name: 'Stone, Bob' }, { address: 'li.wei@globex.example' }]);
  });

  it('gives an empty window for markup it cannot read, never an error', () => {
    expect(readCompose(pageAt('<div role="dialog"><form><div name="to"><div role="listbox"><div role="option" data-hovercard-id="not an address"></div></div></div></form></div>').body.firstElementChild!)).toMatchObject({ to: [], cc: [], bcc: [], typed: [] });
    expect(findComposeRoots(pageAt(''))).toEqual([]);
  });
});
