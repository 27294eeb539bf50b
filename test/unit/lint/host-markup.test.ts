/**
 * The lint rule that keeps host markup in `extension/sites/` (issue 10, acceptance 4): a selector
 * query or a DOM walk in a feature, a component or core is an error; the same code in a site
 * adapter is fine; React's `props.children` is no DOM walk.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function hostMarkupErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax' && /Host markup/.test(m.message)).length;
}

describe('host-markup queries outside extension/sites/', () => {
  it.each([
    ['document.querySelector("h1");'],
    ['document.querySelectorAll("li");'],
    ['document.getElementsByClassName("pv-top-card");'],
    ['document.getElementById("experience");'],
    ['declare const el: Element; el.closest("section");'],
    ['declare const el: Element; el.matches("h1");'],
    ['document.evaluate("//h1", document);'],
    ['declare const el: Element; el.children[0];'],
    ['declare const el: Element; el.parentElement;'],
  ])('refuses %s in a feature', async (code) => {
    expect(await hostMarkupErrors('extension/features/some-feature.ts', code)).toBe(1);
  });

  it('refuses them in core and components too', async () => {
    expect(await hostMarkupErrors('extension/core/page/some-runner.ts', 'document.querySelector("h1");')).toBe(1);
    expect(await hostMarkupErrors('extension/components/Some.tsx', 'document.querySelector("h1");')).toBe(1);
  });

  it('allows them in a site adapter', async () => {
    expect(await hostMarkupErrors('extension/sites/linkedin/some-reader.ts', 'document.querySelector("h1"); declare const el: Element; el.children[0];')).toBe(0);
  });

  it('does not take React props.children for a DOM walk', async () => {
    expect(await hostMarkupErrors('extension/components/Some.tsx', 'export const C = (props: { children: unknown }) => props.children;')).toBe(0);
  });
});
