// @vitest-environment jsdom
/**
 * The job-change banner: only when the page's company really differs from the CRM's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { JobChangeBanner, isJobChange } from '../../../../extension/components/JobChangeBanner.tsx';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { NOW, fullBrief } from './brief-fixture.ts';
import { buttonByText, click, mount, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('JobChangeBanner', () => {
  it('shows the job change when LinkedIn says Beta and the CRM says Acme', () => {
    const html = renderToStaticMarkup(<JobChangeBanner pageCompany="Beta GmbH" crmCompany="Acme, Inc." />);
    expect(html).toContain('Now at Beta GmbH — CRM says Acme, Inc.');
    expect(html).toContain('A champion may have left; a new door may have opened.');
  });

  it('stays away when the names differ only in case, punctuation or legal suffix', () => {
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany="ACME" crmCompany="Acme, Inc." />)).toBe('');
    expect(isJobChange('Acme Corporation', 'acme')).toBe(false);
    expect(isJobChange('Société Générale SA', 'Societe Generale')).toBe(false);
    expect(isJobChange('Beta', 'Acme')).toBe(true);
  });

  it('decides as the server does: a division of the account, or a recorded past employer, is no change', () => {
    expect(isJobChange('Acme Robotics', 'Acme, Inc.')).toBe(false);
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany="Initech" crmCompany="Acme" pastEmployers={['Initech LLC']} />)).toBe('');
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany="Initech" crmCompany="Acme" pastEmployers={['Globex']} />)).toContain('Now at Initech');
  });

  it('stays away when either company is unknown', () => {
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany={undefined} crmCompany="Acme" />)).toBe('');
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany="  " crmCompany="Acme" />)).toBe('');
    expect(renderToStaticMarkup(<JobChangeBanner pageCompany="Beta" crmCompany={null} />)).toBe('');
  });

  it('offers its actions through callbacks with the page company', () => {
    const onFindNewAccount = vi.fn();
    const onFlagChange = vi.fn();
    const onDismiss = vi.fn();
    mounted = mount(<JobChangeBanner pageCompany="Beta" crmCompany="Acme" onFindNewAccount={onFindNewAccount} onFlagChange={onFlagChange} onDismiss={onDismiss} />);
    click(buttonByText(mounted.container, 'Find Beta'));
    click(buttonByText(mounted.container, 'Flag for CRM update'));
    click(buttonByText(mounted.container, 'Dismiss'));
    expect(onFindNewAccount).toHaveBeenCalledWith('Beta');
    expect(onFlagChange).toHaveBeenCalledWith('Beta');
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('appears in the panel only when the page company differs from the account, and can be dismissed', () => {
    expect(renderToStaticMarkup(<Panel brief={fullBrief} now={NOW} pageCompany="ACME" />)).not.toContain('Now at');
    expect(renderToStaticMarkup(<Panel brief={fullBrief} now={NOW} />)).not.toContain('Now at');
    mounted = mount(<Panel brief={fullBrief} now={NOW} pageCompany="Beta" />);
    expect(mounted.container.textContent).toContain('Now at Beta — CRM says Acme, Inc.');
    click(buttonByText(mounted.container, 'Dismiss'));
    expect(mounted.container.textContent).not.toContain('Now at');
  });
});
