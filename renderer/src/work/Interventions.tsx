import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { interventionTypes, interventionUseStatuses, type InterventionType, type InterventionUseStatus } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Intervention, InterventionUse } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { DataTable } from '../components/DataTable';
import { UserText } from '../components/UserText';
import { all, canEdit, LoadState, Outcome, Select, TextArea, useDates, useLoad, WorkSection, type WorkSectionProps, useApi } from './shared';

const legalTypes: readonly InterventionType[] = ['strafrechtelijk', 'bestuursrechtelijk', 'civielrechtelijk'];

/**
 * The intervention catalogue, opened on what fits the case's current phase, and the record of what the team
 * considered, applied or rejected (and why), and later what it did.
 */
export function InterventionsSection(props: WorkSectionProps) {
  const { caseDetail, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const { data, error, reload } = useLoad(
    () =>
      all({
        catalogue: api['interventions.catalogue'](),
        uses: api['interventions.uses']({ caseId }),
        phases: api['phases.list'](),
        bases: api['legalBases.list'](),
      }),
    `${caseId}|${props.revision}`,
  );
  const [phaseFilter, setPhaseFilter] = useState<string | null>(null);
  const [typeFilter, setTypeFilter] = useState('');
  const [recording, setRecording] = useState<string | null>(null);
  const [effectFor, setEffectFor] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  if (!data) {
    return (
      <WorkSection id="work-interventions" title={t('work.interventions.title')}>
        <LoadState error={error} loading />
      </WorkSection>
    );
  }
  const phases = data.phases.phases;
  const bases = data.bases.legalBases;
  const uses = [...data.uses.uses].sort((a, b) => b.at.localeCompare(a.at));
  const catalogue = data.catalogue.interventions;
  const phaseId = phaseFilter ?? caseDetail.phaseId;
  const shown = catalogue.filter(
    (item) => (phaseId === '' || item.phaseIds.includes(phaseId)) && (typeFilter === '' || item.type === typeFilter),
  );
  const phaseName = (id: string) => phases.find((phase) => phase.id === id)?.name ?? id;
  const interventionName = (id: string) => catalogue.find((item) => item.id === id)?.name ?? id;
  const editable = canEdit(props);
  // The effect follows an application: offered on the newest record of an intervention while that one is
  // "toegepast" and says nothing of an effect yet.
  const awaitingEffect = (use: InterventionUse) =>
    use.status === 'toegepast' && !use.effect && uses.find((item) => item.interventionId === use.interventionId) === use;

  const done = async (text: string) => {
    setRecording(null);
    setEffectFor(null);
    await reload();
    setMessage(text);
    onChanged();
  };

  return (
    <WorkSection id="work-interventions" title={t('work.interventions.title')} onWriteFailed={() => setMessage('')}>
      <p role="status" className="work-saved">
        {message}
      </p>
      <h3>{t('work.interventions.record')}</h3>
      <DataTable
        caption={t('work.interventions.record')}
        columns={[
          t('work.interventions.when'),
          t('work.interventions.intervention'),
          t('work.interventions.status'),
          t('work.interventions.reason'),
          t('work.interventions.effect'),
          t('work.interventions.by'),
        ]}
        rows={uses}
        empty={t('work.interventions.noUses')}
      >
        {(use) => (
          <tr key={use.id}>
            <td>{dates.format(use.at)}</td>
            <td>
              <UserText text={interventionName(use.interventionId)} />
            </td>
            <td>
              <span className={`work-status work-use-${use.status}`}>{t(`work.useStatus.${use.status}`)}</span>
            </td>
            <td className="work-text">
              <UserText text={use.reason} />
            </td>
            <td className="work-text">
              <UserText text={use.effect} />
              {editable && awaitingEffect(use) && effectFor !== use.id && (
                <button type="button" onClick={() => setEffectFor(use.id)}>
                  {t('work.interventions.addEffect')}
                  <span className="visually-hidden"> {showHidden(interventionName(use.interventionId))}</span>
                </button>
              )}
              {editable && effectFor === use.id && (
                <EffectForm
                  caseId={caseId}
                  use={use}
                  name={interventionName(use.interventionId)}
                  onCancel={() => setEffectFor(null)}
                  onDone={() => done(t('work.interventions.effectRecorded', { name: interventionName(use.interventionId) }))}
                />
              )}
            </td>
            <td>
              <UserText text={use.byName} />
            </td>
          </tr>
        )}
      </DataTable>

      <h3>{t('work.interventions.catalogue')}</h3>
      <div className="work-filters" role="group" aria-label={t('work.interventions.filters')}>
        <Select
          id="work-interventions-phase"
          label={t('work.interventions.phase')}
          value={phaseId}
          options={[
            ['', t('work.interventions.allPhases')],
            ...phases.map(
              (phase) =>
                [phase.id, phase.id === caseDetail.phaseId ? t('work.interventions.currentPhase', { name: phase.name }) : phase.name] as const,
            ),
          ]}
          onChange={setPhaseFilter}
        />
        <Select
          id="work-interventions-type"
          label={t('work.interventions.type')}
          value={typeFilter}
          options={[
            ['', t('work.interventions.allTypes')],
            ...interventionTypes.map((type) => [type, `${t(legalTypes.includes(type) ? 'work.interventions.legal' : 'work.interventions.nonLegal')}: ${t(`work.interventionTypes.${type}`)}`] as const),
          ]}
          onChange={setTypeFilter}
        />
      </div>
      <p role="status" className="work-count">
        {phaseId === caseDetail.phaseId
          ? t('work.interventions.suggestions', { count: shown.length, phase: phaseName(phaseId) })
          : t('work.interventions.count', { count: shown.length })}
      </p>
      <ul className="work-cards work-interventions">
        {shown.map((item) => {
          const latest = uses.find((use) => use.interventionId === item.id);
          const basis = bases.find((entry) => entry.id === item.legalBasisId);
          return (
            <li key={item.id} className="work-card">
              <h4 className="work-card-title">
                <UserText text={item.name} />
              </h4>
              <p>
                <span className={`work-badge work-badge-${legalTypes.includes(item.type) ? 'legal' : 'nonlegal'}`}>
                  {t(legalTypes.includes(item.type) ? 'work.interventions.legal' : 'work.interventions.nonLegal')}:{' '}
                  {t(`work.interventionTypes.${item.type}`)}
                </span>
                {latest && (
                  <span className={`work-status work-use-${latest.status}`}>
                    {t('work.interventions.inCase', { status: t(`work.useStatus.${latest.status}`) })}
                  </span>
                )}
              </p>
              <p>
                <UserText text={item.description} />
              </p>
              <dl className="work-facts">
                <div>
                  <dt>{t('work.interventions.decidedBy')}</dt>
                  <dd>
                    <UserText text={item.decidedBy} />
                  </dd>
                </div>
                <div>
                  <dt>{t('work.interventions.legalBasis')}</dt>
                  <dd>{basis ? <UserText text={basis.citation} /> : t('work.interventions.noBasis')}</dd>
                </div>
                <div>
                  <dt>{t('work.interventions.phases')}</dt>
                  <dd>
                    <UserText text={item.phaseIds.map(phaseName).join(', ')} />
                  </dd>
                </div>
                {item.caveats && (
                  <div>
                    <dt>{t('work.interventions.caveats')}</dt>
                    <dd className="work-caveat">
                      <UserText text={item.caveats} />
                    </dd>
                  </div>
                )}
              </dl>
              {editable && recording !== item.id && (
                <button type="button" onClick={() => setRecording(item.id)}>
                  {t('work.interventions.recordUse')}
                  <span className="visually-hidden"> {showHidden(item.name)}</span>
                </button>
              )}
              {editable && recording === item.id && (
                <RecordUseForm
                  caseId={caseId}
                  intervention={item}
                  onCancel={() => setRecording(null)}
                  onDone={(status) => done(t('work.interventions.recorded', { name: item.name, status: t(`work.useStatus.${status}`) }))}
                />
              )}
            </li>
          );
        })}
      </ul>
    </WorkSection>
  );
}

function RecordUseForm({
  caseId,
  intervention,
  onCancel,
  onDone,
}: {
  caseId: string;
  intervention: Intervention;
  onCancel(): void;
  onDone(status: InterventionUseStatus): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<InterventionUseStatus>('overwogen');
  const [reason, setReason] = useState('');
  const [effect, setEffect] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);
  const id = `work-use-${intervention.id}`;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!reason.trim()) return setError(t('work.interventions.needReason'));
    const result = await api['interventions.record']({ caseId, interventionId: intervention.id, status, reason, effect });
    if (!result.ok) return setError(result.error);
    onDone(status);
  }

  return (
    <form className="work-form work-inline-form" noValidate aria-label={t('work.interventions.recordTitle', { name: intervention.name })} onSubmit={(event) => void submit(event)}>
      <fieldset className="work-fieldset">
        <legend>{t('work.interventions.status')}</legend>
        {interventionUseStatuses.map((value) => (
          <div key={value} className="checkbox">
            <input id={`${id}-${value}`} type="radio" name={`${id}-status`} value={value} checked={status === value} onChange={() => setStatus(value)} />
            <label htmlFor={`${id}-${value}`}>{t(`work.useStatus.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextArea
        id={`${id}-reason`}
        label={t('work.interventions.reasonLabel')}
        hint={t('work.interventions.reasonHint')}
        maxLength={limits.reason}
        value={reason}
        onChange={setReason}
        required
        rows={2}
      />
      <TextArea
        id={`${id}-effect`}
        label={t('work.interventions.effectLabel')}
        hint={t('work.interventions.effectHint')}
        maxLength={limits.reason}
        value={effect}
        onChange={setEffect}
        rows={2}
      />
      <div className="work-actions">
        <button type="submit" className="primary">
          {t('work.interventions.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}

/** The effect comes later: a new record of the same intervention and status, with what it did. */
function EffectForm({ caseId, use, name, onCancel, onDone }: { caseId: string; use: InterventionUse; name: string; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [effect, setEffect] = useState('');
  const [error, setError] = useState<Failure | string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!effect.trim()) return setError(t('work.interventions.needEffect'));
    const result = await api['interventions.record']({ caseId, interventionId: use.interventionId, status: use.status, effect });
    if (!result.ok) return setError(result.error);
    onDone();
  }

  return (
    <form className="work-inline-form" noValidate aria-label={t('work.interventions.effectTitle', { name })} onSubmit={(event) => void submit(event)}>
      <TextArea id={`work-effect-${use.id}`} label={t('work.interventions.effectLabel')} maxLength={limits.reason} value={effect} onChange={setEffect} rows={2} />
      <div className="work-actions">
        <button type="submit" className="primary">
          {t('work.interventions.saveEffect')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}
