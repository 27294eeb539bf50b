/**
 * The account: firmographics, technographics (competitors marked), tier, stage, owner, territory,
 * and ICP fit and engagement when the brief carries them.
 */
import type { AccountView, Relationship, Score, Technology } from '../../shared/brief.ts';
import { FieldRow } from './FieldRow.tsx';
import { formatAge, formatCompact, humanize } from './format.ts';
import { RelationshipRow } from './ContactSection.tsx';
import { Provenance } from './Provenance.tsx';
import { SafeLink } from './SafeLink.tsx';
import { websiteHref } from './safe-href.ts';
import { Row, Section, type Fold } from './Section.tsx';

/** The score alone (0-100); its components stay in the brief for a later, fuller view. */
function ScoreRow({ label, score }: { label: string; score: Score }) {
  return <Row label={label}>{score.score}</Row>;
}

function TechnologyItem({ tech, now }: { tech: Technology; now: Date }) {
  return (
    <li className="py-[1px]">
      <span className={tech.competitor ? 'font-semibold text-rose-700 dark:text-rose-300' : undefined}>{tech.name}</span>
      {tech.competitor ? (
        <span className="ml-[4px] rounded-[3px] bg-rose-100 dark:bg-rose-950 px-[4px] text-[11px] text-rose-800 dark:text-rose-300">competitor</span>
      ) : null}
      {tech.category ? <span className="text-slate-500 dark:text-slate-400">{` · ${tech.category}`}</span> : null}
      <Provenance source={tech.source} refreshedAt={tech.refreshedAt} stale={tech.stale} now={now} />
    </li>
  );
}

/** "Tier 1 · Evaluating · 1.2K people · Tech (4)": what the account is, nothing empty. */
export function accountSummary(account: AccountView, technologies: number): string {
  return [
    account.tier ? `Tier ${account.tier}` : undefined,
    humanize(account.stage),
    account.employees.value ? `${formatCompact(account.employees.value)} people` : undefined,
    technologies > 0 ? `Tech (${technologies})` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface AccountSectionProps {
  account: AccountView;
  now: Date;
  /** Shown here when there is no contact section to carry it. */
  relationship?: Relationship;
  fold?: Fold;
}

/**
 * @example
 * <AccountSection account={brief.account} now={now} />
 */
export function AccountSection({ account, now, relationship, fold }: AccountSectionProps) {
  // Technologies the account stopped using are history, not what they run today.
  const current = account.technologies.filter((t) => !t.removedAt);
  const lastChange = account.history.at(-1);
  return (
    <Section title="Account" summary={accountSummary(account, current.length)} {...fold}>
      <dl className="m-0">
        <Row label="Account">
          <span className="font-semibold">{account.name}</span>
        </Row>
        {account.domains.length > 0 ? (
          <Row label="Website">
            {account.domains.map((domain, i) => (
              <span key={`${domain}-${i}`}>
                {i > 0 ? ', ' : ''}
                <SafeLink url={domain} href={websiteHref(domain)} />
              </span>
            ))}
          </Row>
        ) : null}
        <Row label="Tier · stage">{`${account.tier ? `Tier ${account.tier}` : 'No tier'} · ${humanize(account.stage)}`}</Row>
        {lastChange ? (
          <Row label="Changed">
            {`${humanize(lastChange.kind)} ${lastChange.from ?? '—'} → ${lastChange.to} · ${formatAge(lastChange.at, now) ?? lastChange.at}`}
            {lastChange.reason ? `: ${lastChange.reason}` : ''}
          </Row>
        ) : null}
        <Row label="Owner">{`${account.owner?.name ?? 'Unassigned'}${account.territory ? ` · ${account.territory}` : ''}`}</Row>
        {account.icpFit ? <ScoreRow label="ICP fit" score={account.icpFit} /> : null}
        <ScoreRow label="Engagement" score={account.engagement} />
        <FieldRow label="Industry" field={account.industry} now={now} />
        <FieldRow label="Employees" field={account.employees} now={now} render={(n) => formatCompact(n)} />
        <FieldRow label="Revenue" field={account.revenue} now={now} render={(n) => formatCompact(n)} />
        <FieldRow label="Funding" field={account.funding} now={now} />
        <FieldRow label="HQ" field={account.location} now={now} />
        <FieldRow label="About" field={account.description} now={now} />
        {current.length > 0 ? (
          <Row label="Tech">
            <ul className="m-0 list-none p-0">
              {current.map((tech, i) => (
                <TechnologyItem key={`${tech.name}-${i}`} tech={tech} now={now} />
              ))}
            </ul>
          </Row>
        ) : null}
        {relationship ? <RelationshipRow relationship={relationship} now={now} /> : null}
      </dl>
    </Section>
  );
}
