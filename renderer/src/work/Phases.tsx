import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Phase } from '../../../shared/views';
import { DataTable } from '../components/DataTable';
import { UserText } from '../components/UserText';
import { all, canEdit, DateTimeField, LoadState, Outcome, Select, TextArea, useDates, useLoad, WorkSection, type WorkSectionProps, useApi } from './shared';

/** The case's current phase, the phase model as a row of steps, the history of changes and "Fase wijzigen". */
export function PhasesSection(props: WorkSectionProps) {
  const { caseDetail, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const { data, error, reload } = useLoad(
    () => all({ phases: api['phases.list'](), transitions: api['phases.transitions']({ caseId }) }),
    `${caseId}|${caseDetail.phaseId}|${props.revision}`,
  );
  // The shell refreshes caseDetail after onChanged; until then the phase just chosen is the current one.
  const [changedTo, setChangedTo] = useState<{ from: string; to: string } | null>(null);
  const currentId = changedTo && changedTo.from === caseDetail.phaseId ? changedTo.to : caseDetail.phaseId;

  if (!data) {
    return (
      <WorkSection id="work-phases" title={t('work.phases.title')}>
        <LoadState error={error} loading />
      </WorkSection>
    );
  }
  const { phases } = data.phases;
  const { transitions } = data.transitions;
  const nameOf = (id: string | null) => (id === null ? '' : (phases.find((phase) => phase.id === id)?.name ?? id));
  const current = phases.find((phase) => phase.id === currentId);
  const history = [...transitions].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <WorkSection id="work-phases" title={t('work.phases.title')}>
      <div className="work-current-phase">
        <p className="work-label">{t('work.phases.current')}</p>
        <p className="work-current-phase-name">
          <UserText text={current?.name ?? currentId} />
        </p>
        {current?.description && (
          <p className="hint">
            <UserText text={current.description} />
          </p>
        )}
      </div>
      <ol className="work-phase-steps" aria-label={t('work.phases.model')}>
        {phases.map((phase) => (
          <li
            key={phase.id}
            aria-current={phase.id === currentId ? 'step' : undefined}
            className={phase.id === currentId ? 'is-current' : undefined}
          >
            <span className="work-phase-ordinal">{phase.ordinal}</span> <UserText text={phase.name} />
            {phase.id === currentId && <span className="visually-hidden"> ({t('work.phases.currentMarker')})</span>}
          </li>
        ))}
      </ol>
      {canEdit(props) && (
        <ChangePhaseForm
          caseId={caseId}
          phases={phases}
          currentId={currentId}
          onDone={async (to) => {
            setChangedTo({ from: caseDetail.phaseId, to });
            await reload();
            onChanged();
          }}
        />
      )}
      <h3>{t('work.phases.history')}</h3>
      <DataTable
        caption={t('work.phases.history')}
        columns={[t('work.phases.when'), t('work.phases.change'), t('work.phases.reason'), t('work.phases.by')]}
        rows={history}
        empty={t('work.phases.noHistory')}
      >
        {(transition) => (
          <tr key={transition.id}>
            <td>{dates.format(transition.at)}</td>
            <td>
              {transition.fromPhaseId === null
                ? t('work.phases.opened', { to: nameOf(transition.toPhaseId) })
                : t('work.phases.fromTo', { from: nameOf(transition.fromPhaseId), to: nameOf(transition.toPhaseId) })}
            </td>
            <td className="work-text">
              <UserText text={transition.reason} />
            </td>
            <td>
              <UserText text={transition.byName} />
            </td>
          </tr>
        )}
      </DataTable>
    </WorkSection>
  );
}

function ChangePhaseForm({
  caseId,
  phases,
  currentId,
  onDone,
}: {
  caseId: string;
  phases: Phase[];
  currentId: string;
  onDone(to: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const others = phases.filter((phase) => phase.id !== currentId);
  const [phaseId, setPhaseId] = useState('');
  const [reason, setReason] = useState('');
  const [at, setAt] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setMessage('');
    if (!phaseId || !reason.trim()) {
      setError(t('work.phases.needPhaseAndReason'));
      return;
    }
    const when = at ? dates.fromInput(at) : null;
    if (at && !when) {
      setError(t('work.invalidTime'));
      return;
    }
    setBusy(true);
    const result = await api['phases.change']({ caseId, phaseId, reason, ...(when ? { at: when } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    const name = phases.find((phase) => phase.id === phaseId)?.name ?? phaseId;
    setPhaseId('');
    setReason('');
    setAt('');
    await onDone(result.value.toPhaseId);
    setMessage(t('work.phases.changed', { name }));
  }

  return (
    <form className="work-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="work-phase-change-title">
      <h3 id="work-phase-change-title">{t('work.phases.changeTitle')}</h3>
      <Select
        id="work-phase-new"
        label={t('work.phases.newPhase')}
        value={phaseId}
        required
        options={[['', t('work.choose')], ...others.map((phase) => [phase.id, `${phase.ordinal}. ${phase.name}`] as const)]}
        onChange={setPhaseId}
      />
      <TextArea
        id="work-phase-reason"
        label={t('work.phases.reasonLabel')}
        hint={t('work.phases.reasonHint')}
        maxLength={limits.reason}
        value={reason}
        onChange={setReason}
        required
      />
      <DateTimeField id="work-phase-at" label={t('work.phases.at')} hint={t('work.nowIfEmpty')} value={at} onChange={setAt} />
      <button type="submit" className="primary" disabled={busy}>
        {t('work.phases.submit')}
      </button>
      <Outcome message={message} error={error} />
    </form>
  );
}
