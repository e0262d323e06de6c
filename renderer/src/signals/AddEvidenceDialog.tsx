import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api';
import { Modal } from '../cases/Modal';
import { useWrite } from '../data/writes';
import { EvidencePicker, pasteInto } from './EvidencePicker';
import { storeEvidence } from './store';
import { useEvidence } from './useEvidence';

/**
 * More evidence for a signal already in the log: the same paste, drop and picker as capture. A refused file
 * stays in the list with the reason; stored ones leave it.
 */
export function AddEvidenceDialog({
  caseId,
  entryId,
  title,
  onStored,
  onClose,
}: {
  caseId: string;
  entryId: string;
  title: string;
  onStored(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const addAttachment = useWrite('attachments.add');
  const evidence = useEvidence(t('signals.evidence.pastePrefix'));
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setAnnouncement('');
    // A file refused before stays listed with its reason until removed; it is not sent again.
    const waiting = evidence.items.filter((item) => !problems.has(item.key));
    if (waiting.length === 0) return setError(t('signals.addEvidence.none'));
    if (evidence.items.some((item) => item.tooLarge)) return setError(t('signals.capture.removeTooLarge'));
    setError('');
    setBusy(true);
    const outcomes = await storeEvidence(addAttachment, { caseId, entryId }, waiting, evidence.hashOf);
    setBusy(false);
    const next = new Map(problems);
    for (const outcome of outcomes) {
      if (!outcome.ok) next.set(outcome.key, t('signals.capture.refused', { name: outcome.fileName, reason: errorText(outcome.error) }));
      else if (!outcome.matches) {
        next.delete(outcome.key);
        setError(t('signals.capture.mismatch', { name: outcome.fileName, captured: outcome.captured, stored: outcome.attachment.sha256 }));
      }
    }
    const stored = outcomes.filter((outcome) => outcome.ok);
    evidence.forget(stored.map((outcome) => outcome.key));
    setProblems(next);
    setAnnouncement(t('signals.capture.filesStored', { count: stored.length, total: outcomes.length }));
    if (stored.length > 0) onStored();
  }

  return (
    <Modal labelledBy="signals-add-title" onClose={onClose} className="signals-capture">
      <form noValidate onSubmit={(event) => void submit(event)} onPaste={pasteInto(evidence)}>
        <h2 id="signals-add-title">{title}</h2>
        <EvidencePicker idPrefix="signals-add" evidence={evidence} problems={problems} announce={setAnnouncement} />
        <p role="alert" className="form-error">
          {error}
        </p>
        <p role="status" className="recorded">
          {announcement}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('signals.addEvidence.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('signals.capture.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
