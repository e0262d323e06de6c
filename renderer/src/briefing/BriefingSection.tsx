import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { BriefingPreview, ComposeBriefingArgs, ComposeHandoverInput, DocumentLocale, ExportRecord } from '../../../shared/briefing';
import type { RequestId } from '../../../shared/contract';
import type { Failure } from '../../../shared/result';
import { useReadDateTime } from '../components/DateTimeField';
import { JobProgress } from '../components/JobProgress';
import { useApi } from '../data/api';
import { formResolver } from '../data/forms';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useWrite } from '../data/writes';
import { draftKeys, useFormDraft } from '../drafts';
import { LoadState, Outcome, WorkSection, type WorkSectionProps } from '../work/shared';
import { Composer } from './Composer';
import { offerDownload } from './download';
import { briefingForm, emptyDraft, type BriefingDraft } from './draft';
import { ExportedNotice } from './ExportedNotice';
import { ExportRegister } from './ExportRegister';
import { HandoverReport } from './HandoverReport';
import { LogExport } from './LogExport';
import { useRecordName } from './names';
import { Preview } from './Preview';
import { VerifyExport } from './VerifyExport';

type View = 'form' | 'preview';
type Busy = 'preview' | 'export' | 'log' | 'handover' | null;

/** The draft a preview was made from, as text: the form hands out copies, so objects (times) never compare equal. */
const sameDraft = (a: BriefingDraft, b: BriefingDraft): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * "Briefings": compose the mayor's briefing, see it exactly as the PDF will be, export it (recorded in the
 * register and the log), export the whole log for a Woo request or the archive, and check a file someone
 * hands back. A lezer previews and checks; exporting writes a register entry, so its buttons are left out.
 * Exports are allowed on a closed case too: a Woo request usually comes after closing.
 */
export function BriefingSection(props: WorkSectionProps) {
  const { caseDetail, canWrite } = props;
  const { t } = useTranslation();
  const api = useApi();
  const name = useRecordName();
  const caseId = caseDetail.id;
  const register = useApiQuery(queryKeys.ofCase(caseId, 'exports'), () => api['exports.list']({ caseId }));
  const read = useReadDateTime();
  const schema = useMemo(() => briefingForm(caseId, read), [caseId, read]);
  const form = useForm({ resolver: formResolver(schema), defaultValues: emptyDraft });
  const composerDraft = useFormDraft(draftKeys.briefing(caseId), form);
  const exportBriefingFile = useFormWrite(form, 'briefings.export');
  const exportLogFile = useWrite('exports.log');
  const exportHandoverFile = useWrite('handovers.export');
  const draft = useWatch({ control: form.control }) as BriefingDraft;
  const [view, setView] = useState<View>('form');
  const [preview, setPreview] = useState<{ value: BriefingPreview; draft: BriefingDraft; logVersion: number } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);
  const [exported, setExported] = useState<{ record: ExportRecord; fileName: string } | null>(null);
  // The running export as a job: its progress and its cancel go by the request id of the write that started it.
  const [job, setJob] = useState<{ requestId: RequestId; title: string } | null>(null);
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

  function finish(): void {
    setBusy(null);
    setJob(null);
  }

  /** Hears the request id of an export as it is sent: from then on it is a job that shows progress. */
  const jobTitled = (title: string) => (requestId: RequestId) => setJob({ requestId, title });

  async function showPreview(input: ComposeBriefingArgs): Promise<void> {
    const snapshot = form.getValues();
    start('preview');
    const result = await api['briefings.preview'](input);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setPreview({ value: result.value, draft: snapshot, logVersion: caseDetail.entryCount });
    focusPreview.current = true;
    setView('preview');
    setMessage(t('briefing.previewed', { number: result.value.document.number }));
  }

  async function exportAndOffer(input: ComposeBriefingArgs): Promise<void> {
    start('export');
    const result = await exportBriefingFile(input, undefined, jobTitled(t('briefing.job.briefing')));
    finish();
    if (!result.ok) return setError(result.error);
    const offered = await offerDownload(api, result.value);
    if (!offered.ok) return setError(offered.error);
    recordExported(result.value.record, result.value.fileName);
  }

  // A field to fix sends the user back to the composer, where its message is.
  const showComposer = () => setView('form');
  const updatePreview = () => form.handleSubmit(showPreview, showComposer)();
  const exportBriefing = () => form.handleSubmit(exportAndOffer, showComposer)();

  function recordExported(record: ExportRecord, fileName: string): void {
    setExported({ record, fileName });
    setMessage(t('briefing.exported.done', { name: name(record), fileName }));
  }

  async function exportLog(format: 'pdf' | 'json', options: { redacted: boolean; locale: DocumentLocale }): Promise<void> {
    start('log');
    const key = `${format}:${options.redacted}:${options.locale}`;
    const result = await exportLogFile({ caseId, format, ...options }, key, jobTitled(t(`briefing.job.log-${format}`)));
    finish();
    if (!result.ok) return setError(result.error);
    const offered = await offerDownload(api, result.value);
    if (!offered.ok) return setError(offered.error);
    recordExported(result.value.record, result.value.fileName);
  }

  async function exportHandover(input: ComposeHandoverInput): Promise<void> {
    start('handover');
    const result = await exportHandoverFile(input, 'handover', jobTitled(t('briefing.job.handover')));
    finish();
    if (!result.ok) return setError(result.error);
    const offered = await offerDownload(api, result.value);
    if (!offered.ok) return setError(offered.error);
    recordExported(result.value.record, result.value.fileName);
  }

  const busyText = busy === 'preview' ? t('briefing.previewing') : '';
  // Shown near the buttons that started it: a briefing's above the composer or the preview, the log's in its block.
  const jobProgress = job && <JobProgress key={job.requestId} requestId={job.requestId} title={job.title} />;
  // Anything recorded since (an entry, an export) changes the counts and the next number, not only the form.
  const stale = preview !== null && (preview.logVersion !== caseDetail.entryCount || !sameDraft(preview.draft, draft));

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
      {busy === 'export' && jobProgress}
      {exported && <ExportedNotice record={exported.record} fileName={exported.fileName} />}
      {view === 'form' ? (
        <Composer form={form} draftOffer={composerDraft.offer} busy={busy !== null} canExport={canWrite} onPreview={() => void updatePreview()} onExport={() => void exportBriefing()} />
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
      {canWrite && <LogExport busy={busy !== null} progress={busy === 'log' ? jobProgress : null} onExport={exportLog} />}
      <HandoverReport
        caseId={caseId}
        busy={busy !== null}
        canExport={canWrite}
        progress={busy === 'handover' ? jobProgress : null}
        onError={setError}
        onExport={exportHandover}
      />
      {register.data ? <ExportRegister caseId={caseId} records={register.data.exports} /> : <LoadState error={register.error} loading />}
      <VerifyExport caseId={caseId} />
    </WorkSection>
  );
}
