import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingPreview, DocumentLocale, ExportRecord } from '../../../shared/briefing';
import type { Failure } from '../../../shared/result';
import { useReadDateTime } from '../components/DateTimeField';
import { LoadState, Outcome, useApi, useLoad, WorkSection, type WorkSectionProps } from '../work/shared';
import { Composer } from './Composer';
import { offerDownload } from './download';
import { composeInput, emptyDraft, sameDraft, type BriefingDraft } from './draft';
import { ExportedNotice } from './ExportedNotice';
import { ExportRegister } from './ExportRegister';
import { LogExport } from './LogExport';
import { useRecordName } from './names';
import { Preview } from './Preview';
import { VerifyExport } from './VerifyExport';

type View = 'form' | 'preview';
type Busy = 'preview' | 'export' | 'log' | null;

/**
 * "Briefings": compose the mayor's briefing, see it exactly as the PDF will be, export it (recorded in the
 * register and the log), export the whole log for a Woo request or the archive, and check a file someone
 * hands back. A lezer previews and checks; exporting writes a register entry, so its buttons are left out.
 * Exports are allowed on a closed case too: a Woo request usually comes after closing.
 */
export function BriefingSection(props: WorkSectionProps) {
  const { caseDetail, canWrite, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const readDateTime = useReadDateTime();
  const name = useRecordName();
  const caseId = caseDetail.id;
  const register = useLoad(() => api['exports.list']({ caseId }), `${caseId}|${props.revision}`);
  const [draft, setDraft] = useState<BriefingDraft>(emptyDraft);
  const [view, setView] = useState<View>('form');
  const [preview, setPreview] = useState<{ value: BriefingPreview; draft: BriefingDraft; revision: number } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);
  const [exported, setExported] = useState<{ record: ExportRecord; fileName: string } | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const focusPreview = useRef(false);

  useEffect(() => {
    if (view !== 'preview' || !focusPreview.current) return;
    focusPreview.current = false;
    previewHeading.current?.focus();
  }, [view, preview]);

  function start(what: Exclude<Busy, null>): void {
    setBusy(what);
    setError(null);
    setMessage('');
  }

  async function updatePreview(): Promise<void> {
    const snapshot = draft;
    const composed = composeInput(caseId, snapshot, readDateTime);
    if (!composed.ok) return setError(composed.message);
    start('preview');
    const result = await api['briefings.preview'](composed.input);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setPreview({ value: result.value, draft: snapshot, revision: props.revision });
    focusPreview.current = true;
    setView('preview');
    setMessage(t('briefing.previewed', { number: result.value.document.number }));
  }

  async function recordExported(record: ExportRecord, fileName: string): Promise<void> {
    setExported({ record, fileName });
    await register.reload();
    setMessage(t('briefing.exported.done', { name: name(record), fileName }));
    // The export is an entry in the log: the header, overview and timeline reload.
    onChanged();
  }

  async function exportBriefing(): Promise<void> {
    const composed = composeInput(caseId, draft, readDateTime);
    if (!composed.ok) return setError(composed.message);
    start('export');
    const result = await api['briefings.export'](composed.input);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    offerDownload(result.value);
    await recordExported(result.value.record, result.value.fileName);
  }

  async function exportLog(format: 'pdf' | 'json', redacted: boolean, locale: DocumentLocale): Promise<void> {
    start('log');
    const result = await api['exports.log']({ caseId, format, redacted, locale });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    offerDownload(result.value);
    await recordExported(result.value.record, result.value.fileName);
  }

  const busyText = busy === 'preview' ? t('briefing.previewing') : busy === 'export' ? t('briefing.exporting') : busy === 'log' ? t('briefing.log.exporting') : '';
  // Anything recorded since (an entry, an export) changes the counts and the next number, not only the form.
  const stale = preview !== null && (preview.revision !== props.revision || !sameDraft(preview.draft, draft));

  return (
    <WorkSection id="briefing" title={t('briefing.title')}>
      <p className="hint briefing-intro">{t('briefing.intro')}</p>
      {!canWrite && <p className="notice">{t('briefing.readOnly')}</p>}
      <div className="briefing-views" role="group" aria-label={t('briefing.views.label')}>
        {(['form', 'preview'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
            {t(`briefing.views.${option}`)}
          </button>
        ))}
      </div>
      <Outcome message={busyText || message} error={error} />
      {exported && <ExportedNotice record={exported.record} fileName={exported.fileName} />}
      {view === 'form' ? (
        <Composer draft={draft} onDraft={setDraft} busy={busy !== null} canExport={canWrite} onPreview={() => void updatePreview()} onExport={() => void exportBriefing()} />
      ) : (
        <Preview
          preview={preview?.value ?? null}
          stale={stale}
          busy={busy !== null}
          canExport={canWrite}
          headingRef={previewHeading}
          onRefresh={() => void updatePreview()}
          onExport={() => void exportBriefing()}
        />
      )}
      {canWrite && <LogExport busy={busy !== null} onExport={(format, redacted, locale) => void exportLog(format, redacted, locale)} />}
      {register.data ? <ExportRegister caseId={caseId} records={register.data.exports} /> : <LoadState error={register.error} loading />}
      <VerifyExport caseId={caseId} />
    </WorkSection>
  );
}
