/**
 * ICP fit: how well an account matches the team's ideal customer profile (settings.icp):
 * industry, employee size band, geography, required technologies, each worth its weight's share
 * of 100, and excluded technologies as a penalty. Criteria with no values are not in the profile
 * and earn nothing nor cost anything. Unknown account data earns nothing (and says so).
 *
 * @example
 * icpFitOf({ industry: 'Software', employees: 800, country: 'Germany', location: 'Berlin', technologies }, settings)
 * // { score: 75, components: [{ name: 'Industry', points: 30, max: 30, reason: 'Software is in the profile' }, …] }
 */
import type { Score, ScoreComponent } from '../../shared/brief.ts';
import type { TechnologyFact } from './facts.ts';
import { pointsOf, scoreOf, sharesOf } from './scores.ts';
import type { IntelSettings } from './settings.ts';

export interface IcpInput {
  industry: string | null;
  employees: number | null;
  country: string | null;
  location: string | null;
  technologies: readonly Pick<TechnologyFact, 'name' | 'removedAt'>[];
}

const key = (s: string) => s.trim().toLowerCase();
const list = (values: readonly string[]) => values.slice(0, 3).join(', ') + (values.length > 3 ? ` and ${values.length - 3} more` : '');
const bandText = (b: { min: number; max: number | null }) => (b.max === null ? `${b.min}+` : `${b.min}-${b.max}`);

/** The first profile value the account's text names (equal, or contained as in "Enterprise software"). */
const matchIn = (text: string | null, values: readonly string[]) => (text ? values.find((v) => key(text) === key(v) || key(text).includes(key(v))) : undefined);

/** Null when the team has no ideal customer profile: no score is better than an empty 0. */
export function icpFitOf(account: IcpInput, settings: IntelSettings): Score | null {
  const icp = settings.icp;
  const inUse = account.technologies.filter((t) => !t.removedAt).map((t) => t.name);
  const using = (name: string) => inUse.find((t) => key(t) === key(name));
  const criteria = [
    { name: 'Industry', defined: icp.industries.values.length > 0, weight: icp.industries.weight },
    { name: 'Company size', defined: icp.employees.bands.length > 0, weight: icp.employees.weight },
    { name: 'Geography', defined: icp.geographies.values.length > 0, weight: icp.geographies.weight },
    { name: 'Required technologies', defined: icp.requiredTechnologies.values.length > 0, weight: icp.requiredTechnologies.weight },
  ];
  const maxes = sharesOf(criteria.map((c) => (c.defined ? c.weight : 0)));
  const components: ScoreComponent[] = [];
  const add = (index: number, fraction: number, reason: string) => {
    const max = maxes[index]!;
    if (max > 0) components.push({ name: criteria[index]!.name, points: pointsOf(fraction, max), max, reason });
  };

  const industry = matchIn(account.industry, icp.industries.values);
  add(0, industry ? 1 : 0, !account.industry ? 'Industry unknown' : industry ? `${account.industry} is in the profile` : `${account.industry} is not in the profile (${list(icp.industries.values)})`);

  const band = account.employees === null ? undefined : icp.employees.bands.find((b) => account.employees! >= b.min && (b.max === null || account.employees! <= b.max));
  const bands = icp.employees.bands.map(bandText).join(', ');
  add(1, band ? 1 : 0, account.employees === null ? 'Employee count unknown' : band ? `${account.employees} employees, in the ${bandText(band)} band` : `${account.employees} employees, outside the profile's bands (${bands})`);

  const place = matchIn(account.country, icp.geographies.values) ?? matchIn(account.location, icp.geographies.values);
  const where = [account.location, account.country].filter(Boolean).join(', ');
  add(2, place ? 1 : 0, !where ? 'Location unknown' : place ? `${where} is in ${place}` : `${where} is outside the profile (${list(icp.geographies.values)})`);

  const required = icp.requiredTechnologies.values;
  const found = required.filter((t) => using(t));
  const missing = required.filter((t) => !using(t));
  add(
    3,
    required.length ? found.length / required.length : 0,
    `Uses ${found.length} of ${required.length} required${found.length ? ` (${list(found)})` : ''}${missing.length ? `; missing ${list(missing)}` : ''}`,
  );

  if (components.length === 0) return null;

  const excluded = icp.excludedTechnologies.values.map(using).filter((t): t is string => t !== undefined);
  if (excluded.length > 0) {
    const earned = components.reduce((a, c) => a + c.points, 0);
    const penalty = Math.min(earned, icp.excludedTechnologies.penalty);
    const zeroing = penalty === earned;
    components.push({
      name: 'Excluded technologies',
      points: penalty === 0 ? 0 : -penalty,
      max: 0,
      reason: `Uses ${list(excluded)}, which the profile excludes: ${zeroing ? 'fit set to 0' : `${icp.excludedTechnologies.penalty} points off`}`,
    });
  }
  return scoreOf(components);
}
