import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import type { Attachment } from '../../../shared/views';
import { errorText } from '../api';
import { Modal } from '../cases/Modal';
import { UserText } from '../components/UserText';
import { currentLanguage } from '../../i18n';
import { useApi } from '../data/api';
import { useDates } from '../work/shared';
import { base64ToBytes, formatBytes, groupedHash, sha256Hex } from './evidence';

/**
 * Shows a stored image inside the app: the bytes come from the main process, become a Blob and an object URL
 * (revoked when the viewer closes); nothing is written to disk. The renderer hashes what it got, so the
 * screen says whether it is still the file that was stored.
 */
export function AttachmentViewer({ attachment, onClose }: { attachment: Attachment; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [url, setUrl] = useState<string | null>(null);
  const [checked, setChecked] = useState<'same' | 'different' | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  useEffect(() => {
    let current = true;
    let objectUrl: string | null = null;
    void api['attachments.get']({ attachmentId: attachment.id }).then(async (result) => {
      if (!current) return;
      if (!result.ok) return setError(result.error);
      const bytes = base64ToBytes(result.value.data);
      const sha256 = await sha256Hex(bytes);
      if (!current) return;
      objectUrl = URL.createObjectURL(new Blob([bytes], { type: result.value.mediaType }));
      setChecked(sha256 === attachment.sha256 ? 'same' : 'different');
      setUrl(objectUrl);
    });
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, attachment.id, attachment.sha256]);

  return (
    <Modal labelledBy="signals-viewer-title" onClose={onClose} className="signals-viewer">
      <h2 id="signals-viewer-title">
        <UserText text={attachment.fileName} />
      </h2>
      <p className="work-meta">
        <UserText text={attachment.mediaType} /> · {formatBytes(attachment.size, currentLanguage())} ·{' '}
        {t('signals.attachments.addedBy', { name: attachment.addedByName, time: dates.format(attachment.addedAt) })}
      </p>
      <p className="signals-hash-line">
        {t('signals.attachments.sha256')}: <code>{groupedHash(attachment.sha256)}</code>
      </p>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      <p role="status" className={checked === 'different' ? 'form-error' : 'work-saved'}>
        {checked === 'same' ? t('signals.viewer.same') : checked === 'different' ? t('signals.viewer.different') : url === null && !error ? t('signals.viewer.loading') : ''}
      </p>
      {url && <img className="signals-viewer-image" src={url} alt={t('signals.viewer.alt', { name: attachment.fileName })} />}
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          {t('signals.viewer.close')}
        </button>
      </div>
    </Modal>
  );
}
