/**
 * The person: role, tenure, past employers, and prior interactions (the relationship).
 */
import type { ContactView, PastEmployer, Relationship } from '../../shared/brief.ts';
import { FieldRow } from './FieldRow.tsx';
import { ROLE_LABELS, formatAge, formatTenure, humanize } from './format.ts';
import { SafeLink } from './SafeLink.tsx';
import { mailtoHref, telHref } from './safe-href.ts';
import { Row, Section, type Fold } from './Section.tsx';

/** "Champion · 4 yrs in role · last touch 12 d ago": the person at a glance, nothing empty. */
export function contactSummary(contact: ContactView, relationship: Relationship, now: Date): string {
  const tenure = formatTenure(contact.tenureStart.value, now);
  const years = tenure?.match(/\(([^)]+)\)/)?.[1];
  return [
    contact.buyingRole ? ROLE_LABELS[contact.buyingRole] : undefined,
    years ? `${years} in role` : undefined,
    relationship.lastTouch ? `last touch ${formatAge(relationship.lastTouch.at, now) ?? ''}` : 'never touched',
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface ContactSectionProps {
  contact: ContactView;
  relationship: Relationship;
  now: Date;
  fold?: Fold;
}

function employerLine(e: PastEmployer): string {
  const span = e.from || e.to ? ` (${e.from ?? '?'}–${e.to ?? '?'})` : '';
  return `${e.company}${e.title ? ` — ${e.title}` : ''}${span}`;
}

/** A `tel:` or `mailto:` action when the value is plainly a number or an address; plain text otherwise. */
function DialLink({ value, href, label }: { value: string; href: string | undefined; label: string }) {
  if (!href) return <span className="break-all">{value}</span>;
  return (
    <a className="break-all text-sky-700 dark:text-sky-300 underline underline-offset-[2px] hover:text-sky-900 dark:hover:text-sky-200" href={href} aria-label={`${label} ${value}`}>
      {value}
    </a>
  );
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Meetings, emails and deals as counted words, zeros left out: "1 meeting · 3 emails · 1 deal won".
 *
 * @example relationshipCounts({ meetings: 1, emails: 0, dealsWon: 0, dealsLost: 0, lastTouch: null }) // '1 meeting'
 */
export function relationshipCounts(relationship: Relationship): string {
  const parts = [
    relationship.meetings > 0 ? count(relationship.meetings, 'meeting') : null,
    relationship.emails > 0 ? count(relationship.emails, 'email') : null,
    relationship.dealsWon > 0 ? `${count(relationship.dealsWon, 'deal')} won` : null,
    relationship.dealsLost > 0 ? `${count(relationship.dealsLost, 'deal')} lost` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : 'No meetings or emails logged';
}

/**
 * Prior interactions in one row: last touch, meetings, emails, deals won and lost.
 *
 * @example
 * <dl><RelationshipRow relationship={brief.relationship} now={now} /></dl>
 */
export function RelationshipRow({ relationship, now }: { relationship: Relationship; now: Date }) {
  const { lastTouch } = relationship;
  return (
    <Row label="Interactions">
      {lastTouch
        ? `Last: ${humanize(lastTouch.type)}${lastTouch.by ? ` by ${lastTouch.by}` : ''} · ${formatAge(lastTouch.at, now) ?? lastTouch.at}`
        : 'No touches yet'}
      <br />
      {relationshipCounts(relationship)}
    </Row>
  );
}

/**
 * @example
 * <ContactSection contact={brief.contact} relationship={brief.relationship} now={now} />
 */
export function ContactSection({ contact, relationship, now, fold }: ContactSectionProps) {
  return (
    <Section title="Contact" summary={contactSummary(contact, relationship, now)} {...fold}>
      <dl className="m-0">
        <FieldRow label="Title" field={contact.title} now={now} />
        <FieldRow label="In role" field={contact.tenureStart} now={now} render={(start) => formatTenure(start, now)} />
        <FieldRow label="Seniority" field={contact.seniority} now={now} />
        <FieldRow label="Department" field={contact.department} now={now} />
        <FieldRow label="Location" field={contact.location} now={now} />
        {contact.buyingRole ? <Row label="Buying role">{ROLE_LABELS[contact.buyingRole]}</Row> : null}
        <FieldRow
          label="Previously"
          field={contact.pastEmployers}
          now={now}
          render={(employers) =>
            employers.length === 0 ? (
              'none known'
            ) : (
              <ul className="m-0 list-none p-0">
                {employers.map((e, i) => (
                  <li key={`${e.company}-${i}`}>{employerLine(e)}</li>
                ))}
              </ul>
            )
          }
        />
        {contact.phones?.value?.length ? (
          <FieldRow
            label="Phone"
            field={contact.phones}
            now={now}
            render={(phones) => (
              <ul className="m-0 list-none p-0">
                {phones.map((phone) => (
                  <li key={phone}>
                    <DialLink value={phone} href={telHref(phone)} label="Call" />
                  </li>
                ))}
              </ul>
            )}
          />
        ) : null}
        {contact.emails.length > 0 ? (
          <Row label="Email">
            <ul className="m-0 list-none p-0">
              {contact.emails.map((address) => (
                <li key={address}>
                  <DialLink value={address} href={mailtoHref(address)} label="Email" />
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {contact.linkedinUrl ? (
          <Row label="LinkedIn">
            <SafeLink url={contact.linkedinUrl} />
          </Row>
        ) : null}
        <RelationshipRow relationship={relationship} now={now} />
      </dl>
    </Section>
  );
}
