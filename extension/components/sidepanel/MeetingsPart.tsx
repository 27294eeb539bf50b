/**
 * The side panel's meetings (issue 13), at the top of Today: the pre-call package of the meeting
 * opened (a reminder's click, or a row below), the same `MeetingView` the meeting pages show, with
 * a way back; otherwise today's next meetings with outside guests, each a row that opens its package.
 */
import type { EventRef } from '../../../shared/refs.ts';
import type { MeetingActions, MeetingState } from '../../core/meeting-package.ts';
import { BUTTON } from '../buttons.ts';
import { MeetingView } from '../MeetingView.tsx';
import { ListButton, LIST, PanelPart } from './ListGroup.tsx';

/** The opened meeting as the panel shows it (entrypoints/sidepanel/use-meetings.ts's `OpenedMeeting`). */
export interface OpenedMeetingView {
  ref: EventRef | null;
  state: MeetingState | null;
  actions: MeetingActions | null;
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** @example <OpenedMeeting opened={meeting.opened} now={now} onBack={meeting.close} /> */
export function OpenedMeeting({ opened, now, onBack }: { opened: OpenedMeetingView; now: Date; onBack: () => void }) {
  const title = opened.ref?.title ? `Meeting: ${opened.ref.title}` : 'Meeting';
  return (
    <section aria-label={title} className="flex flex-col gap-[6px]" data-opened-meeting="">
      <div>
        {/* Focus lands here on open, so a keyboard user is where the package is. */}
        <button type="button" className={BUTTON} onClick={onBack} autoFocus>
          ← Back to Today
        </button>
      </div>
      {!opened.ref ? (
        <p className="m-0 text-slate-600 dark:text-slate-300" role="status">
          This meeting is no longer among those this browser saw in Calendar: open it in Calendar to see its package.
        </p>
      ) : opened.state && opened.actions ? (
        <MeetingView state={opened.state} actions={opened.actions} siteName="Google Calendar" now={now} layout="panel" />
      ) : (
        <p className="m-0 text-slate-600 dark:text-slate-300" role="status">{`Preparing ${opened.ref.title || 'the meeting'}…`}</p>
      )}
    </section>
  );
}

/** @example <NextMeetings meetings={[{ ref, guests: ['Jane Doe'] }]} onOpen={(ref) => meeting.open(key, ref)} /> */
export function NextMeetings({ meetings, onOpen }: { meetings: { ref: EventRef; guests: string[] }[]; onOpen: (ref: EventRef) => void }) {
  if (meetings.length === 0) return null;
  return (
    <PanelPart title="Next meetings">
      <ul className={LIST} data-list="next-meetings">
        {meetings.map(({ ref, guests }) => {
          return (
            <li key={`${ref.eventId} ${ref.start}`}>
              <ListButton title={ref.title || 'Untitled meeting'} detail={guests.slice(0, 3).join(', ') + (guests.length > 3 ? ` +${guests.length - 3}` : '')} aside={timeOf(ref.start)} onClick={() => onOpen(ref)} />
            </li>
          );
        })}
      </ul>
    </PanelPart>
  );
}
