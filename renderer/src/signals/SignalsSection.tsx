import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentClass, InformationCredibility, SourceReliability } from '../../../shared/domain';
import type { Platform, SignalChannel, SignalListItem } from '../../../shared/signals';
import type { Attachment } from '../../../shared/views';
import { currentLanguage } from '../../i18n';
import { DataTable } from '../components/DataTable';
import { useNumber } from '../hooks';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { useOutcome } from '../data/writes';
import { canEdit, LoadState, Outcome, Select, useDates, WorkSection, type WorkSectionProps } from '../work/shared';
import { AddEvidenceDialog } from './AddEvidenceDialog';
import { AttachmentViewer } from './AttachmentViewer';
import { CaptureDialog, isSignalShortcut } from './CaptureDialog';
import { takeSignalCaptureRequest } from './capture-request';
import { formatBytes, groupedHash, isViewableImage } from './evidence';
import { byPlatformAndTime, contentClasses, platforms, signalChannels } from './model';
import { UserText } from '../components/UserText';

interface Filters {
  platform: Platform | '';
  channel: SignalChannel | '';
  contentClass: ContentClass | '';
}

/**
 * "Signalen": what the team saw online, grouped by platform and newest first, with channel, reach, content
 * class, grading and the evidence kept with each (name, type, size, SHA-256; images viewable in the app).
 * Editors capture signals here (button or Ctrl+Shift+S) and add evidence to a signal; readers see the same
 * without those controls.
 */
export function SignalsSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const number = useNumber();
  const caseId = caseDetail.id;
  const editable = canEdit(props);
  const [filters, setFilters] = useState<Filters>({ platform: '', channel: '', contentClass: '' });
  const signalList = useApiQuery(queryKeys.ofCase(caseId, 'signals', filters), () =>
    api['signals.list']({
      caseId,
      ...(filters.platform ? { platform: filters.platform } : {}),
      ...(filters.channel ? { channel: filters.channel } : {}),
      ...(filters.contentClass ? { contentClass: filters.contentClass } : {}),
    }),
  );
  const attachmentList = useApiQuery(queryKeys.ofCase(caseId, 'attachments'), () => api['attachments.list']({ caseId }));
  const phaseList = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']());
  const stats = useApiQuery(queryKeys.ofCase(caseId, 'stats'), () => api['cases.stats']({ caseId }));
  const [capturing, setCapturing] = useState(() => editable && takeSignalCaptureRequest());
  const [addingTo, setAddingTo] = useState<SignalListItem | null>(null);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const outcome = useOutcome();

  useEffect(() => {
    if (!editable) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (!isSignalShortcut(event)) return;
      event.preventDefault();
      setCapturing(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable]);

  const title = t('signals.title');
  if (!signalList.data || !attachmentList.data || !phaseList.data || !stats.data) {
    return (
      <WorkSection id="signals" title={title}>
        <LoadState error={signalList.error ?? attachmentList.error ?? phaseList.error ?? stats.error} loading />
      </WorkSection>
    );
  }

  const data = { signals: signalList.data, stats: stats.data };
  const phases = phaseList.data.phases;
  const attachments = attachmentList.data.attachments;
  const groups = byPlatformAndTime(data.signals.signals.map((item) => ({ ...item, platform: item.signal.platform, postedAt: item.signal.postedAt, seenAt: item.signal.seenAt })));
  const filtered = filters.platform !== '' || filters.channel !== '' || filters.contentClass !== '';
  const signalEntryIds = new Set(data.signals.signals.map((item) => item.entry.id));
  const loose = filtered ? [] : attachments.filter((attachment) => attachment.entryId === null || !signalEntryIds.has(attachment.entryId));
  const phaseName = (id: string | null) => {
    const phase = phases.find((candidate) => candidate.id === id);
    return phase ? `${phase.ordinal}. ${phase.name}` : '–';
  };


  return (
    <WorkSection id="signals" title={title} onWriteFailed={outcome.clearMessage}>
      <p className="notice signals-personal-note">
        {t('signals.personalNote', {
          entries: t('signals.personalEntries', { count: data.stats.personalDataEntries }),
          attachments: t('signals.personalAttachments', { count: data.stats.personalDataAttachments }),
        })}
      </p>
      {editable && (
        <div className="work-actions signals-toolbar">
          <button type="button" className="primary" aria-keyshortcuts="Control+Shift+S Meta+Shift+S" onClick={() => setCapturing(true)}>
            {t('signals.capture.open')} <kbd>{t('signals.capture.shortcut')}</kbd>
          </button>
        </div>
      )}
      <Outcome message={outcome.message} error={outcome.error} />
      <div className="work-filters signals-filters" role="group" aria-label={t('signals.filters.label')}>
        <Select
          id="signals-filter-platform"
          label={t('signals.fields.platform')}
          value={filters.platform}
          options={[['', t('signals.filters.allPlatforms')], ...platforms.map((value) => [value, t(`signals.platform.${value}`)] as const)]}
          onChange={(value) => setFilters((current) => ({ ...current, platform: value as Filters['platform'] }))}
        />
        <Select
          id="signals-filter-channel"
          label={t('signals.fields.channel')}
          value={filters.channel}
          options={[['', t('signals.filters.allChannels')], ...signalChannels.map((value) => [value, t(`signals.channel.${value}`)] as const)]}
          onChange={(value) => setFilters((current) => ({ ...current, channel: value as Filters['channel'] }))}
        />
        <Select
          id="signals-filter-content"
          label={t('signals.fields.contentClass')}
          value={filters.contentClass}
          options={[['', t('signals.filters.allContent')], ...contentClasses.map((value) => [value, t(`caseMeta.contentClass.${value}`)] as const)]}
          onChange={(value) => setFilters((current) => ({ ...current, contentClass: value as Filters['contentClass'] }))}
        />
      </div>
      <p role="status" className="signals-count">
        {t(filtered ? 'signals.countFiltered' : 'signals.count', { count: data.signals.signals.length })}
      </p>
      {groups.map((group) => (
        <section key={group.platform} className="signals-platform" aria-labelledby={`signals-platform-${group.platform}`}>
          <h3 id={`signals-platform-${group.platform}`}>
            {t(`signals.platform.${group.platform}`)} <span className="work-count">({number(group.signals.length)})</span>
          </h3>
          <ol className="signals-list">
            {group.signals.map((item) => {
              const { entry, signal } = item;
              const own = attachments.filter((attachment) => attachment.entryId === entry.id);
              return (
                <li key={entry.id} className={`signals-card signals-channel-${signal.channel}`}>
                  <article aria-labelledby={`signal-${entry.id}-text`}>
                    <p className="signals-card-head">
                      <span className="signals-time">
                        {signal.postedAt
                          ? t('signals.postedSeen', { posted: dates.format(signal.postedAt), seen: dates.format(signal.seenAt) })
                          : t('signals.seenOnly', { seen: dates.format(signal.seenAt) })}
                      </span>
                      <span className={`badge signals-badge-${signal.channel}`}>{t(`signals.channel.${signal.channel}`)}</span>
                      <span className={`badge signals-badge-content signals-content-${signal.contentClass}`}>{t(`caseMeta.contentClass.${signal.contentClass}`)}</span>
                      {entry.personalData && <span className="badge badge-personal">{t('signals.personalData')}</span>}
                      <span className="signals-seq">{t('signals.entrySeq', { seq: entry.seq })}</span>
                    </p>
                    <p id={`signal-${entry.id}-text`} className="signals-summary">
                      <UserText text={entry.text} />
                    </p>
                    <dl className="work-facts signals-facts">
                      <div>
                        <dt>{t('signals.reach')}</dt>
                        <dd>{signal.reach === null ? '–' : number(signal.reach)}</dd>
                      </div>
                      <div>
                        <dt>{t('signals.grading')}</dt>
                        <dd>
                          <abbr title={gradingTitle(t, entry.sourceReliability, entry.informationCredibility)}>
                            {`${entry.sourceReliability ?? '–'}${entry.informationCredibility ?? '–'}`}
                          </abbr>
                        </dd>
                      </div>
                      <div>
                        <dt>{t('signals.fields.phase')}</dt>
                        <dd>
                          <UserText text={phaseName(signal.phaseId)} />
                        </dd>
                      </div>
                      <div>
                        <dt>{t('signals.attachments.count')}</dt>
                        <dd>{number(item.attachmentCount)}</dd>
                      </div>
                      {signal.accountHandle && (
                        <div>
                          <dt>
                            {t('signals.fields.accountHandle')} <span className="badge badge-personal">{t('signals.personalData')}</span>
                          </dt>
                          <dd className="signals-handle">
                            <UserText text={signal.accountHandle} />
                          </dd>
                        </div>
                      )}
                      {signal.url && (
                        <div className="signals-url-fact">
                          <dt>{t('signals.url')}</dt>
                          {/* Shown as text, never a link: the app stays offline and the address is evidence, not a destination. */}
                          <dd className="signals-url">
                            <UserText text={signal.url} />
                          </dd>
                        </div>
                      )}
                      {signal.legalGround && (
                        <div className="signals-url-fact">
                          <dt>{t('signals.fields.legalGroundShort')}</dt>
                          <dd>
                            <UserText text={signal.legalGround} />
                          </dd>
                        </div>
                      )}
                      <div>
                        <dt>{t('signals.capturedBy')}</dt>
                        <dd>
                          <UserText text={signal.capturedByName} />
                        </dd>
                      </div>
                    </dl>
                    {own.length > 0 && <AttachmentTable attachments={own} label={t('signals.attachments.ofSignal', { seq: entry.seq })} onView={setViewing} />}
                    {editable && (
                      <div className="work-actions">
                        <button type="button" aria-label={t('signals.addEvidence.openNamed', { seq: entry.seq })} onClick={() => setAddingTo(item)}>
                          {t('signals.addEvidence.open')}
                        </button>
                      </div>
                    )}
                  </article>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {loose.length > 0 && (
        <section className="signals-platform" aria-labelledby="signals-loose-title">
          <h3 id="signals-loose-title">{t('signals.attachments.loose')}</h3>
          <AttachmentTable attachments={loose} label={t('signals.attachments.loose')} onView={setViewing} />
        </section>
      )}
      {capturing && (
        <CaptureDialog
          caseDetail={caseDetail}
          phases={phases}
          onRecorded={() => outcome.clear()}
          onClose={() => setCapturing(false)}
        />
      )}
      {addingTo && (
        <AddEvidenceDialog
          caseId={caseId}
          entryId={addingTo.entry.id}
          title={t('signals.addEvidence.title', { seq: addingTo.entry.seq })}
          onStored={() => outcome.succeeded(t('signals.addEvidence.done', { seq: addingTo.entry.seq }))}
          onClose={() => setAddingTo(null)}
        />
      )}
      {viewing && <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} />}
    </WorkSection>
  );
}

function gradingTitle(t: TFunction, reliability: SourceReliability | null, credibility: InformationCredibility | null): string {
  return [reliability ? t(`grading.reliability.${reliability}`) : t('quickEntry.notGraded'), credibility ? t(`grading.credibility.${credibility}`) : t('quickEntry.notGraded')].join(', ');
}

/** Evidence files: name, type, size, SHA-256, personal data; images open in the in-app viewer. */
function AttachmentTable({ attachments, label, onView }: { attachments: readonly Attachment[]; label: string; onView(attachment: Attachment): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const language = currentLanguage();
  return (
    <DataTable
      className="work-table signals-attachments"
      caption={label}
      columns={[
        t('signals.attachments.name'),
        t('signals.attachments.type'),
        t('signals.attachments.size'),
        t('signals.attachments.sha256'),
        t('signals.attachments.added'),
        { label: <span className="visually-hidden">{t('signals.attachments.view')}</span> },
      ]}
      rows={attachments}
    >
      {(attachment) => (
        <tr key={attachment.id}>
          <td className="signals-file-name">
            <UserText text={attachment.fileName} />
            {attachment.personalData && (
              <>
                {' '}
                <span className="badge badge-personal">{t('signals.personalData')}</span>
              </>
            )}
          </td>
          <td>
            <UserText text={attachment.mediaType} />
          </td>
          <td className="numeric">{formatBytes(attachment.size, language)}</td>
          <td>
            <code className="signals-sha" data-sha256={attachment.sha256} title={attachment.sha256}>
              {groupedHash(attachment.sha256)}
            </code>
          </td>
          <td>{t('signals.attachments.addedBy', { name: attachment.addedByName, time: dates.format(attachment.addedAt) })}</td>
          <td>
            {isViewableImage(attachment.mediaType) && (
              <button type="button" className="link" aria-label={t('signals.attachments.viewNamed', { name: attachment.fileName })} onClick={() => onView(attachment)}>
                {t('signals.attachments.view')}
              </button>
            )}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
