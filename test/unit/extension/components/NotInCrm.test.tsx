// @vitest-environment jsdom
/**
 * The not-in-CRM state and the wrong-match correction: suggestions with why and how sure,
 * and "This is them" calling back with the chosen person.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotInCrm } from '../../../../extension/components/NotInCrm.tsx';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { WrongMatch } from '../../../../extension/components/WrongMatch.tsx';
import { NOW, fullBrief, notInCrmBrief } from './brief-fixture.ts';
import { buttonByText, click, mount, type, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');

describe('NotInCrm', () => {
  it('lists the suggestions and calls back with the one the rep picks', () => {
    const onPick = vi.fn();
    mounted = mount(<NotInCrm pageName="Jane Doe" pageCompany="Acme" suggestions={notInCrmBrief.suggestions} onPick={onPick} />);
    const items = [...mounted.container.querySelectorAll('li')].map(text);
    expect(text(mounted.container)).toContain('Not in CRM');
    expect(text(mounted.container)).toContain('No CRM contact matches Jane Doe at Acme.');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Jane Doe');
    expect(items[0]).toContain('VP Revenue Operations at Acme, Inc.');
    expect(items[0]).toContain('Same name and company · low confidence (62%)');
    expect(items[1]).toContain('Janet Doe');
    const buttons = mounted.container.querySelectorAll('li button');
    click(buttons[1]);
    expect(onPick).toHaveBeenCalledWith(notInCrmBrief.suggestions[1]);
  });

  it('says so when there is nobody to suggest, and searches by hand', () => {
    const onSearch = vi.fn();
    mounted = mount(<NotInCrm pageName="Jane Doe" suggestions={[]} onPick={() => undefined} onSearch={onSearch} />);
    expect(text(mounted.container)).toContain('No likely matches.');
    const input = mounted.container.querySelector('input[type="search"]') as HTMLInputElement;
    expect(input.value).toBe('Jane Doe');
    type(input, 'Jane D');
    click(buttonByText(mounted.container, 'Search'));
    expect(onSearch).toHaveBeenCalledWith('Jane D');
  });

  it('is what the panel shows for a brief with neither contact nor account', () => {
    const onPick = vi.fn();
    mounted = mount(<Panel brief={notInCrmBrief} now={NOW} pageName="Jane Doe" onPickSuggestion={onPick} />);
    expect(mounted.container.querySelector('[data-state="not-in-crm"]')).not.toBeNull();
    expect(mounted.container.querySelectorAll('section')).toHaveLength(0);
    click(mounted.container.querySelector('button[aria-label="This is them: Jane Doe"]'));
    expect(onPick).toHaveBeenCalledWith(notInCrmBrief.suggestions[0]);
  });
});

describe('WrongMatch', () => {
  it('opens on request and offers the other suggestions, not the current match', () => {
    const onPick = vi.fn();
    mounted = mount(<WrongMatch suggestions={notInCrmBrief.suggestions} currentContactId="c_jane" onPick={onPick} />);
    const toggle = buttonByText(mounted.container, 'Wrong match?');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    click(toggle);
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    const names = [...mounted.container.querySelectorAll('li')].map(text);
    expect(names).toHaveLength(1);
    expect(names[0]).toContain('Janet Doe');
    click(buttonByText(mounted.container, 'This is them'));
    expect(onPick).toHaveBeenCalledWith(notInCrmBrief.suggestions[1]);
  });

  it('sits in the panel when the feature can record an alias', () => {
    const withSuggestions = { ...fullBrief, suggestions: notInCrmBrief.suggestions };
    mounted = mount(<Panel brief={withSuggestions} now={NOW} onPickSuggestion={() => undefined} onSearch={() => undefined} />);
    expect(buttonByText(mounted.container, 'Wrong match?')).toBeDefined();
  });
});
