import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { interventionTypes, interventionUseStatuses, type InterventionType, type InterventionUseStatus } from '../../../shared/domain';
import { limits, recordInterventionUseInput } from '../../../shared/schemas';
import type { Intervention, InterventionUse } from '../../../shared/views';
import { DataTable } from '../components/DataTable';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { canEdit, LoadState, Outcome, Select, useDates, WorkSection, type WorkSectionProps } from './shared';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';
import { LongText } from '../components/FormFields';

const legalTypes: readonly InterventionType[] = ['strafrechtelijk', 'bestuursrechtelijk', 'civielrechtelijk'];

/**
 * The intervention catalogue, opened on what fits the case's current phase, and the record of what the team
 * considered, applied or rejected (and why), and later what it did.
 */
export function InterventionsSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const caseId = caseDetail.id;
  const catalogueList = useApiQuery(queryKeys.catalogue('interventions'), () => api['interventions.catalogue']());
  const useList = useApiQuery(queryKeys.ofCase(caseId, 'interventions'), () => api['interventions.uses']({ caseId }));
  const phaseList = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']());
  const basisList = useApiQuery(queryKeys.catalogue('legalBases'), () => api['legalBases.list']());
  const [phaseFilter, setPhaseFilter] = useState<string | null>(null);
  const [typeFilter, setTypeFilter] = useState('');
  const [recording, setRecording] = useState<string | null>(null);
  const [effectFor, setEffectFor] = useState<string | null>(null);
  const outcome = useOutcome();

  if (!catalogueList.data || !useList.data || !phaseList.data || !basisList.data) {
    return (
      <WorkSection id="work-interventions" title={t('work.interventions.title')}>
        <LoadState error={catalogueList.error ?? useList.error ?? phaseList.error ?? basisList.error} loading />
      </WorkSection>
    );
  }
  const phases = phaseList.data.phases;
  const bases = basisList.data.legalBases;
  const uses = [...useList.data.uses].sort((a, b) => b.at.localeCompare(a.at));
  const catalogue = catalogueList.data.interventions;
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

  const done = (text: string) => {
    setRecording(null);
    setEffectFor(null);
    outcome.succeeded(text);
  };

  return (
    <WorkSection id="work-interventions" title={t('work.interventions.title')} onWriteFailed={outcome.clearMessage}>
      <Outcome message={outcome.message} error={outcome.error} />
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

/**
 * The fields of a record of an intervention. The log takes records without a reason (older ones have none), but
 * the screen asks for one: a first record says why, a later one what it did (`needs`).
 */
function useRecordForm(caseId: string, interventionId: string, defaults: { status: InterventionUseStatus }, needs: 'reason' | 'effect') {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      inputForm(
        { status: z.enum(interventionUseStatuses), reason: z.string(), effect: z.string() },
        (values, context) => {
          if (values[needs].trim() === '') {
            context.addIssue({ code: 'custom', path: [needs], message: t(needs === 'reason' ? 'work.interventions.needReason' : 'work.interventions.needEffect') });
          }
          return { caseId, interventionId, ...values };
        },
        recordInterventionUseInput,
      ),
    [caseId, interventionId, needs, t],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { ...defaults, reason: '', effect: '' } });
  const record = useFormWrite(form, 'interventions.record');
  return { form, record };
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
  const { form, record } = useRecordForm(caseId, intervention.id, { status: 'overwogen' }, 'reason');
  const outcome = useOutcome();
  const { isSubmitting } = form.formState;
  const id = `work-use-${intervention.id}`;

  const submit = form.handleSubmit(async (input) => {
    const result = await record(input);
    if (!result.ok) return outcome.failed(result.error);
    onDone(result.value.status);
  });

  return (
    <form className="work-form work-inline-form" noValidate aria-label={t('work.interventions.recordTitle', { name: intervention.name })} onSubmit={(event) => void submit(event)}>
      <fieldset className="work-fieldset">
        <legend>{t('work.interventions.status')}</legend>
        {interventionUseStatuses.map((value) => (
          <div key={value} className="checkbox">
            <input id={`${id}-${value}`} type="radio" value={value} {...form.register('status')} />
            <label htmlFor={`${id}-${value}`}>{t(`work.useStatus.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <LongText
        control={form.control}
        name="reason"
        id={`${id}-reason`}
        label={t('work.interventions.reasonLabel')}
        hint={t('work.interventions.reasonHint')}
        rows={2} maxLength={limits.reason}
      />
      <LongText
        control={form.control}
        name="effect"
        id={`${id}-effect`}
        label={t('work.interventions.effectLabel')}
        hint={t('work.interventions.effectHint')}
        rows={2} maxLength={limits.reason}
      />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('work.interventions.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}

/** The effect comes later: a new record of the same intervention and status, with what it did. */
function EffectForm({ caseId, use, name, onCancel, onDone }: { caseId: string; use: InterventionUse; name: string; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { form, record } = useRecordForm(caseId, use.interventionId, { status: use.status }, 'effect');
  const outcome = useOutcome();
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = await record(input);
    if (!result.ok) return outcome.failed(result.error);
    onDone();
  });

  return (
    <form className="work-inline-form" noValidate aria-label={t('work.interventions.effectTitle', { name })} onSubmit={(event) => void submit(event)}>
      <LongText
        control={form.control}
        name="effect"
        id={`work-effect-${use.id}`}
        label={t('work.interventions.effectLabel')}
        rows={2} maxLength={limits.reason}
      />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('work.interventions.saveEffect')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}
