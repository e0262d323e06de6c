import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { showHidden } from '../../../shared/visible-text';
import { errorText } from '../api';
import { UserText } from '../components/UserText';
import { currentLanguage } from '../../i18n';
import { formatBytes, groupedHash } from './evidence';
import { filesFromClipboard, type Evidence } from './useEvidence';

/** The main process's own words for a file over the limit, so the pre-check and the refusal read the same. */
export const tooLargeText = (): string => errorText({ code: 'FILE_TOO_LARGE', message: '' });

/**
 * Paste handler for a whole dialog: an image (or any file) on the clipboard becomes evidence; pasting text
 * into a field goes on as usual.
 */
export function pasteInto(evidence: Evidence) {
  return (event: ClipboardEvent<HTMLElement>) => {
    const files = filesFromClipboard(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    evidence.add(files, 'paste');
  };
}

/**
 * Evidence for a signal: paste (Ctrl+V anywhere in the dialog), drop on the zone, or pick files. Each file
 * shows its name, type, size, SHA-256 computed here, an image preview and a personal-data checkbox.
 * `problems` holds what went wrong per file at the last send (refused, hash mismatch).
 */
export function EvidencePicker({
  idPrefix,
  evidence,
  problems,
  announce,
}: {
  idPrefix: string;
  evidence: Evidence;
  problems: ReadonlyMap<string, string>;
  announce(message: string): void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const language = currentLanguage();

  function onDrop(event: DragEvent<HTMLElement>): void {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length === 0) return;
    evidence.add(files, 'drop');
    announce(t('signals.evidence.added', { count: files.length }));
  }

  return (
    <fieldset className="signals-evidence" aria-describedby={`${idPrefix}-evidence-hint`}>
      <legend>{t('signals.evidence.legend')}</legend>
      <div
        className={`signals-dropzone${dragging ? ' is-dragging' : ''}`}
        data-testid={`${idPrefix}-dropzone`}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p id={`${idPrefix}-evidence-hint`} className="hint">
          {t('signals.evidence.hint')}
        </p>
        <label htmlFor={`${idPrefix}-files`}>{t('signals.evidence.pick')}</label>
        <input
          id={`${idPrefix}-files`}
          type="file"
          multiple
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length === 0) return;
            evidence.add(files, 'picker');
            announce(t('signals.evidence.added', { count: files.length }));
          }}
        />
      </div>
      {evidence.items.length > 0 && (
        <ul className="signals-pending" aria-label={t('signals.evidence.pendingList')}>
          {evidence.items.map((item) => {
            const problem = problems.get(item.key);
            return (
              <li key={item.key} className={item.tooLarge || problem ? 'is-refused' : undefined}>
                {item.previewUrl && <img className="signals-thumb" src={item.previewUrl} alt={t('signals.evidence.previewOf', { name: item.fileName })} />}
                <div className="signals-file">
                  <p className="signals-file-name">
                    <UserText text={item.fileName} />
                  </p>
                  <dl className="signals-file-facts">
                    <div>
                      <dt>{t('signals.attachments.type')}</dt>
                      <dd>
                        <UserText text={item.mediaType} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t('signals.attachments.size')}</dt>
                      <dd>{formatBytes(item.size, language)}</dd>
                    </div>
                    <div className="signals-hash">
                      <dt>{t('signals.attachments.sha256')}</dt>
                      <dd>
                        {item.tooLarge ? (
                          '–'
                        ) : item.sha256 ? (
                          <code data-sha256={item.sha256} title={item.sha256}>
                            {groupedHash(item.sha256)}
                          </code>
                        ) : (
                          t('signals.evidence.hashing')
                        )}
                      </dd>
                    </div>
                  </dl>
                  {item.tooLarge && (
                    <p className="field-error" role="alert">
                      {tooLargeText()}
                    </p>
                  )}
                  {problem && (
                    <p className="field-error" role="alert">
                      {problem}
                    </p>
                  )}
                  <div className="checkbox">
                    <input
                      id={`${item.key}-personal`}
                      type="checkbox"
                      checked={item.personalData}
                      onChange={(event) => evidence.setPersonalData(item.key, event.target.checked)}
                    />
                    <label htmlFor={`${item.key}-personal`}>
                      {t('signals.evidence.personalData')}
                      <span className="visually-hidden"> ({showHidden(item.fileName)})</span>
                    </label>
                  </div>
                </div>
                <button
                  type="button"
                  className="signals-remove"
                  aria-label={t('signals.evidence.removeNamed', { name: item.fileName })}
                  onClick={() => {
                    evidence.forget([item.key]);
                    announce(t('signals.evidence.removed', { name: item.fileName }));
                  }}
                >
                  {t('signals.evidence.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
