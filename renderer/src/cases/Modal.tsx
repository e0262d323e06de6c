import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal `<dialog>`: the browser traps focus, Escape closes it, and focus returns to what opened it. With
 * `typedText`, Escape first asks whether to throw the typed text away ("Getypte tekst weggooien?"); with nothing
 * typed it closes at once.
 */
export function Modal({
  labelledBy,
  onClose,
  className,
  typedText,
  onDiscard,
  children,
}: {
  labelledBy: string;
  onClose(): void;
  className?: string;
  /** Whether the dialog holds text the user typed (e.g. `hasTypedText` over its text fields). */
  typedText?(): boolean;
  /** What else throwing the typed text away does, before the dialog closes (forget its draft). */
  onDiscard?(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  function escape(event: SyntheticEvent): void {
    event.preventDefault();
    if (asking) return;
    if (typedText?.()) setAsking(true);
    else onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={`modal ${className ?? ''}`}
      // Escape is handled here rather than left to the dialog's cancel event: Chromium skips `cancel` (and
      // closes at once) on a second Escape without a click or a typed key in between.
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape' && !event.defaultPrevented && !event.nativeEvent.isComposing) escape(event);
      }}
      onCancel={escape}
    >
      {children}
      {asking && (
        <ConfirmDiscard
          onDiscard={() => {
            setAsking(false);
            onDiscard?.();
            onClose();
          }}
          onKeep={() => setAsking(false)}
        />
      )}
    </dialog>
  );
}

/** "Getypte tekst weggooien?": Verder typen has the focus, so Enter (or Escape) after a stray Escape loses nothing. */
function ConfirmDiscard({ onDiscard, onKeep }: { onDiscard(): void; onKeep(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const heading = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    keep.current?.focus();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const stay = (event: SyntheticEvent): void => {
    event.preventDefault();
    event.stopPropagation();
    onKeep();
  };
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={heading}
      className="modal confirm-discard"
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape') stay(event);
      }}
      onCancel={stay}
    >
      <h2 id={heading}>{t('discard.question')}</h2>
      <div className="dialog-actions">
        <button type="button" onClick={onDiscard}>
          {t('discard.discard')}
        </button>
        <button type="button" className="primary" ref={keep} onClick={onKeep}>
          {t('discard.keep')}
        </button>
      </div>
    </dialog>
  );
}
