/**
 * The show/hide behaviour shared by the panel and its sections: a native button with `aria-expanded`
 * and `aria-controls`, toggled by click, Enter or Space.
 */
import { useCallback, useId, useState, type KeyboardEvent } from 'react';

export interface Disclosure {
  open: boolean;
  toggle: () => void;
  /** Spread on the header `<button>`. */
  buttonProps: {
    type: 'button';
    'aria-expanded': boolean;
    'aria-controls': string;
    onClick: () => void;
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
    onKeyUp: (event: KeyboardEvent<HTMLButtonElement>) => void;
  };
  /** Spread on the region the button shows and hides. */
  regionProps: { id: string; hidden: boolean };
}

/**
 * State and ARIA wiring for one collapsible region.
 *
 * @example
 * const { buttonProps, regionProps } = useDisclosure(true);
 * return <><button {...buttonProps}>Signals</button><div {...regionProps}>…</div></>;
 */
export function useDisclosure(initiallyOpen = true): Disclosure {
  const [open, setOpen] = useState(initiallyOpen);
  const id = useId();
  const toggle = useCallback(() => setOpen((was) => !was), []);
  // Enter and Space are handled on keydown and their default prevented, so the browser's own
  // keyboard-made click does not toggle a second time; host pages with key handlers of their own
  // (LinkedIn has shortcuts) do not see the key either.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) toggle();
    },
    [toggle],
  );
  // Browsers fire the click for Space on keyup; preventing it keeps Space to one toggle.
  const onKeyUp = useCallback((event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === ' ') event.preventDefault();
  }, []);
  return {
    open,
    toggle,
    buttonProps: { type: 'button', 'aria-expanded': open, 'aria-controls': id, onClick: toggle, onKeyDown, onKeyUp },
    regionProps: { id, hidden: !open },
  };
}
