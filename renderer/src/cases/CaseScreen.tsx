import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../../shared/views';
import { errorText } from '../api';
import { caseSections } from '../case-sections';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { useWrite } from '../data/writes';
import { caseNotBefore } from '../../../shared/time';
import { DateTimeSettingsProvider } from '../components/DateTimeField';
import { draftKeys, useDrafts } from '../drafts';
import { useFocusOnMount, useNumber } from '../hooks';
import { isSignalShortcut } from '../signals/CaptureDialog';
import { requestSignalCapture } from '../signals/capture-request';
import { signalsSection } from '../signals';
import { Timeline } from '../timeline/Timeline';
import { CaseStatusDialog, type StatusAction } from './CaseStatusDialog';
import { useCaseWork, useDates } from './context';
import { Overview } from './Overview';
import { QuickEntry, type QuickEntryMode } from './QuickEntry';
import { SituationBar } from './SituationBar';
import { UserText } from '../components/UserText';

export const builtInSections = ['overzicht', 'tijdlijn'] as const;

/** Ctrl+K (Cmd+K on a Mac) opens quick entry from anywhere in a case. */
export const isQuickEntryShortcut = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';

export function CaseScreen({
  caseId,
  section,
  onSection,
  onBack,
}: {
  caseId: string;
  section: string;
  onSection(section: string): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const { canWrite } = useCaseWork();
  const api = useApi();
  const date = useDates();
  const number = useNumber();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { data: caseDetail, error } = useApiQuery(queryKeys.ofCase(caseId, 'detail'), () => api['cases.get']({ caseId }));
  const { resumes } = useDrafts();
  // Open again when the user was typing in it as the vault locked; its draft then comes back in it.
  const [quickEntry, setQuickEntry] = useState<QuickEntryMode | null>(() => (canWrite && resumes(draftKeys.quickEntry(caseId)) ? { kind: 'new' } : null));
  const [statusAction, setStatusAction] = useState<StatusAction | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusEntry, setFocusEntry] = useState<Entry | null>(null);

  const mayRecord = canWrite && caseDetail?.status === 'open';

  // Opening the signals is looking at them: what came in until now is no longer unread for this user.
  const markSignalsRead = useWrite('signals.markRead');
  useEffect(() => {
    if (section === signalsSection.id) void markSignalsRead({ caseId }, caseId);
  }, [section, caseId, markSignalsRead]);

  useEffect(() => {
    if (!mayRecord) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (!isQuickEntryShortcut(event)) return;
      event.preventDefault();
      setQuickEntry((current) => current ?? { kind: 'new' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mayRecord]);

  // The signals section handles the shortcut itself while it is shown; elsewhere in the case it switches there.
  useEffect(() => {
    if (!mayRecord || section === signalsSection.id) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (!isSignalShortcut(event)) return;
      event.preventDefault();
      requestSignalCapture();
      onSection(signalsSection.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mayRecord, section, onSection]);

  if (!caseDetail) {
    return (
      <section aria-labelledby="case-title">
        <h1 id="case-title" ref={heading} tabIndex={-1}>
          {t('caseView.loading')}
        </h1>
        {error && (
          <p role="alert" className="form-error">
            {errorText(error)}
          </p>
        )}
        <button type="button" onClick={onBack}>
          {t('caseView.back')}
        </button>
      </section>
    );
  }

  const tabs = [
    { id: 'overzicht', label: t('caseView.overview') },
    { id: 'tijdlijn', label: t('caseView.timeline') },
    ...caseSections.map((extra) => ({ id: extra.id, label: t(extra.labelKey) })),
  ];
  const extra = caseSections.find((candidate) => candidate.id === section);
  const ExtraSection = extra?.component;

  return (
    <div className={`case-screen case-${caseDetail.status}`}>
      <header className="case-header" aria-labelledby="case-title">
        <div className="case-heading">
          <h1 id="case-title" ref={heading} tabIndex={-1}>
            <UserText text={caseDetail.title} />
          </h1>
          <span className={`badge status-${caseDetail.status}`}>{t(`cases.status.${caseDetail.status}`)}</span>
        </div>
        <SituationBar caseId={caseId} signalsHref={`#case/${caseId}/${signalsSection.id}`} onSignals={() => onSection(signalsSection.id)} />
        {caseDetail.status !== 'open' && (
          <p className="notice notice-closed">
            {caseDetail.status === 'gesloten'
              ? t('caseView.closedNotice', { time: date(caseDetail.closedAt ?? caseDetail.lastActivityAt) })
              : t('caseView.archivedNotice', { time: date(caseDetail.archivedAt ?? caseDetail.lastActivityAt) })}
            {caseDetail.retentionDueAt && ` ${t('caseView.retentionDue', { time: date(caseDetail.retentionDueAt, 'day') })}`}
          </p>
        )}
        <dl className="case-meta">
          <div>
            <dt>{t('caseView.municipality')}</dt>
            <dd>{caseDetail.municipality ? <UserText text={caseDetail.municipality} /> : '–'}</dd>
          </div>
          <div>
            <dt>{t('caseView.classification')}</dt>
            <dd>{t(`caseMeta.classification.${caseDetail.classification}`)}</dd>
          </div>
          <div>
            <dt>{t('caseView.contentClass')}</dt>
            <dd>{t(`caseMeta.contentClass.${caseDetail.contentClass}`)}</dd>
          </div>
          <div>
            <dt>{t('caseView.retention')}</dt>
            <dd>{caseDetail.retentionCategory ? t(`caseMeta.retention.${caseDetail.retentionCategory}`) : t('caseView.noRetention')}</dd>
          </div>
          <div>
            <dt>{t('caseView.entries')}</dt>
            <dd>{number(caseDetail.entryCount)}</dd>
          </div>
        </dl>
        {canWrite && (
          <div className="case-actions">
            {mayRecord && (
              <button type="button" className="primary" aria-keyshortcuts="Control+K Meta+K" onClick={() => setQuickEntry({ kind: 'new' })}>
                {t('caseView.newEntry')} <kbd>{t('caseView.shortcut')}</kbd>
              </button>
            )}
            {caseDetail.status === 'open' && (
              <button type="button" onClick={() => setStatusAction('close')}>
                {t('caseStatus.close.button')}
              </button>
            )}
            {caseDetail.status === 'gesloten' && (
              <>
                <button type="button" onClick={() => setStatusAction('reopen')}>
                  {t('caseStatus.reopen.button')}
                </button>
                <button type="button" onClick={() => setStatusAction('archive')}>
                  {t('caseStatus.archive.button')}
                </button>
              </>
            )}
          </div>
        )}
      </header>
      <nav className="case-tabs" aria-label={t('caseView.sections')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.id}>
              <a
                href={`#case/${caseId}/${tab.id}`}
                aria-current={tab.id === section ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onSection(tab.id);
                }}
              >
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <DateTimeSettingsProvider notBefore={caseNotBefore(caseDetail.firstOccurredAt)}>
        <div className="case-section">
          {section === 'overzicht' && (
            <Overview
              caseDetail={caseDetail}
              onShowEntry={(entry) => {
                setFocusEntry(entry);
                onSection('tijdlijn');
              }}
            />
          )}
          {section === 'tijdlijn' && (
            <Timeline
              caseDetail={caseDetail}
              initialEntry={focusEntry}
              onCorrect={(entry) => setQuickEntry({ kind: 'correct', entry })}
            />
          )}
          {ExtraSection && <ExtraSection caseDetail={caseDetail} canWrite={canWrite} />}
        </div>
        {/* A quick entry reopened after an unlock waits for the case, and stays shut on a case closed meanwhile. */}
        {quickEntry && mayRecord && (
          <QuickEntry
            caseId={caseId}
            mode={quickEntry}
            onRecorded={(entry) => {
              const words = { type: t(`entryTypes.${entry.type}`), seq: entry.seq };
              // In a case received from a partner the owner numbers the entry later: until then it has no number.
              if (entry.seq === 0) setAnnouncement(t('sharing.entryRecordedProvisional', words));
              else setAnnouncement(t(entry.correctsEntryId ? 'caseView.correctionRecorded' : 'caseView.entryRecorded', words));
            }}
            onClose={() => setQuickEntry(null)}
          />
        )}
      </DateTimeSettingsProvider>
      {statusAction && (
        <CaseStatusDialog
          action={statusAction}
          caseDetail={caseDetail}
          onClose={() => setStatusAction(null)}
          onDone={() => {
            setStatusAction(null);
            setAnnouncement(t(`caseStatus.${statusAction}.done`));
          }}
        />
      )}
    </div>
  );
}
