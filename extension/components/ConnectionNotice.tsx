/**
 * Where the connection stands, in a rep's words, with the next step: the LinkedIn panel's card
 * while there is no brief to show (connecting, not connected, token refused or expired, server
 * unreachable), and a strip above a brief that is shown from what was saved.
 */
import type { ConnectionWords } from './connection-words.ts';
import { BUTTON } from './buttons.ts';

export interface ConnectionNoticeProps {
  words: ConnectionWords;
  /** Opens the extension options; without it the button is not shown. */
  onOpenOptions?: (() => void) | undefined;
  className?: string;
}

const TONE: Record<ConnectionWords['tone'], string> = {
  wait: 'text-slate-500 dark:text-slate-400',
  ok: 'text-slate-700 dark:text-slate-300',
  problem: 'text-slate-900 dark:text-slate-100',
};

/**
 * @example
 * <ConnectionNotice words={connectionWords(status)} onOpenOptions={() => void sendMessage('openOptions')} />
 */
export function ConnectionNotice({ words, onOpenOptions, className = '' }: ConnectionNoticeProps) {
  return (
    <div className={`${className} ${TONE[words.tone]}`} data-panel="connection" data-tone={words.tone} role="status">
      <p className="m-0">{words.text}</p>
      {words.openOptions && onOpenOptions ? (
        <div className="mt-[6px]">
          <button type="button" className={BUTTON} onClick={onOpenOptions}>
            Open extension options
          </button>
        </div>
      ) : null}
    </div>
  );
}
