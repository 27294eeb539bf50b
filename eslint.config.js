// Lint rules that guard the product's promises, on top of the recommended sets.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Host-page and CRM strings are rendered as text, never as HTML. */
const NO_HTML = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'Render text, not HTML.' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'Render text, not HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text, not HTML.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, not HTML.' },
];

/**
 * Only `extension/sites/` knows a host's markup (the site contract, extension/sites/README.md):
 * anywhere else in the extension, querying or walking the DOM by selector is a host-markup
 * query that belongs in a site's dated selectors and extractors.
 */
const HOST_MARKUP = 'Host markup is read in extension/sites/ only: add a named, dated selector and an extractor there.';
const NO_HOST_MARKUP = [
  {
    selector:
      "CallExpression[callee.property.name=/^(querySelector|querySelectorAll|getElementById|getElementsByClassName|getElementsByTagName|getElementsByTagNameNS|getElementsByName|closest|matches|webkitMatchesSelector|evaluate|createTreeWalker|createNodeIterator)$/]",
    message: HOST_MARKUP,
  },
  // Walking the tree by position is reading its markup too (React's `props.children` is not a DOM walk).
  {
    selector:
      "MemberExpression[property.name=/^(children|childNodes|firstElementChild|lastElementChild|nextElementSibling|previousElementSibling|parentElement|parentNode|firstChild|lastChild|nextSibling|previousSibling)$/][object.name!='props']",
    message: HOST_MARKUP,
  },
];

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'data', 'docs', 'coverage', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...NO_HTML],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The extension outside its site adapters: no host-markup queries (rule options do not merge, so NO_HTML again).
    files: ['extension/**/*.{ts,tsx}'],
    // The options page and the side panel are the extension's own documents, not a host's.
    ignores: ['extension/sites/**', 'extension/entrypoints/options/**', 'extension/entrypoints/sidepanel/**'],
    rules: {
      'no-restricted-syntax': ['error', ...NO_HTML, ...NO_HOST_MARKUP],
    },
  },
);
