/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), as pg-boss reads
 * them, for the in-process engine on SQLite: `*`, `*\/n`, `a-b`, `a-b/n` and lists. Enough for
 * our schedules without a dependency; pg-boss parses the same strings on PostgreSQL.
 *
 * @example cronMatches('*\/10 * * * *', new Date('2026-11-23T09:20:00Z')) // true
 */
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function field(spec: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [from, to] = range === '*' ? [min, max] : range!.includes('-') ? range!.split('-').map(Number) : [Number(range), stepText ? max : Number(range)];
    if (![from, to, step].every(Number.isInteger) || step < 1 || from! < min || to! > max) throw new Error(`bad cron field "${spec}"`);
    for (let v = from!; v <= to!; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): Set<number>[] {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`a cron expression has 5 fields: "${expression}"`);
  return parts.map((p, i) => field(p, RANGES[i]!));
}

export function cronMatches(expression: string, at: Date): boolean {
  const [minute, hour, day, month, weekday] = parseCron(expression);
  return minute!.has(at.getUTCMinutes()) && hour!.has(at.getUTCHours()) && day!.has(at.getUTCDate()) && month!.has(at.getUTCMonth() + 1) && weekday!.has(at.getUTCDay());
}
