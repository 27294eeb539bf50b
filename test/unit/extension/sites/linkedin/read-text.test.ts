/** Experience lines as LinkedIn prints them, read into a current role. */
import { describe, expect, it } from 'vitest';
import { currentRoleFrom, parseDateRange, withoutEmploymentType } from '../../../../../extension/sites/linkedin/read-text.ts';

describe('experience lines', () => {
  it('reads when an ongoing role started', () => {
    expect(parseDateRange('Jul 2021 - Present · 3 yrs 1 mo')).toEqual({ current: true, since: '2021-07' });
    expect(parseDateRange('Feb. 2022 – Present')).toEqual({ current: true, since: '2022-02' });
  });

  it('knows a finished role, and gives no month for a bare year', () => {
    expect(parseDateRange('May 2019 - Dec 2021 · 2 yrs 8 mos')).toEqual({ current: false, since: '2019-05' });
    expect(parseDateRange('2012 - 2017')).toEqual({ current: false });
    expect(parseDateRange('2019 - Present')).toEqual({ current: true });
  });

  it('does not take a title or a place for a date', () => {
    expect(parseDateRange('Scrum Master - Software Engineer')).toBeUndefined();
    expect(parseDateRange('Stockholm, Stockholm County, Sweden')).toBeUndefined();
  });

  it('drops the employment type after the company', () => {
    expect(withoutEmploymentType('Novare Potential · Full-time')).toBe('Novare Potential');
  });

  it('does not present a finished first role as the current one', () => {
    expect(currentRoleFrom(['Research Engineer', 'KTH · Full-time', 'Aug 2020 - Jun 2021 · 11 mos'])).toBeUndefined();
  });

  it('reads a grouped company: the company from its header, title and start from its first role', () => {
    expect(currentRoleFrom(['Tata Consultancy Services', '14 yrs 2 mos'], ['Technical Architect', 'Full-time', 'Feb 2019 - Present · 5 yrs 7 mos'])).toEqual({
      company: 'Tata Consultancy Services',
      title: 'Technical Architect',
      since: '2019-02',
    });
  });
});
