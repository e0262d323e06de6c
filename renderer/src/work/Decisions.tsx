import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { decisionMakers, manualEntryTypes } from '../../../shared/domain';
import { recordDecisionInput } from '../../../shared/schemas';
import type { Decision, Entry, LegalBasis } from '../../../shared/views';
import { SelectField, TextAreaField } from '../components/Field';
import { useApi } from '../data/api';
import { formResolver } from '../data/forms';
import { inputForm, orNull } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { deadlineAmount, deadlineState } from './deadlines';
import { canEdit, LoadState, Outcome, timeInput, TimeField, useDates, useNow, WorkSection, type WorkSectionProps } from './shared';

const isManual = (entry: Entry) => (manualEntryTypes as readonly string[]).includes(entry.type);
/** A basis that needs the council's ratification (art. 176) asks for the meeting date. */
const needsCouncil = (bases: readonly LegalBasis[], legalBasisId: string): boolean =>
  bases.find((item) => item.id === legalBasisId)?.deadlineRules.some((rule) => rule.kind === 'council-ratification') ?? false;
const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)}…` : text);

/**
 * The decision list: each decision numbered, with who took it, on which legal basis, why (necessity,
 * proportionality, subsidiarity), what it rests on, and the deadlines its basis imposes.
 */
export function DecisionsSection(props: WorkSectionProps) {
  const { caseDetail } = props;
  const { t } = useTranslation();
  const api = useApi();
  const caseId = caseDetail.id;
  const decisionList = useApiQuery(queryKeys.ofCase(caseId, 'decisions'), () => api['decisions.list']({ caseId }));
  const basisList = useApiQuery(queryKeys.catalogue('legalBases'), () => api['legalBases.list']());
  const entryList = useApiQuery(queryKeys.ofCase(caseId, 'entries', 'first-500'), () => api['entries.list']({ caseId, limit: 500 }));
  const outcome = useOutcome();

  if (!decisionList.data || !basisList.data || !entryList.data) {
    return (
      <WorkSection id="work-decisions" title={t('work.decisions.title')}>
        <LoadState error={decisionList.error ?? basisList.error ?? entryList.error} loading />
      </WorkSection>
    );
  }
  const decisions = [...decisionList.data.decisions].sort((a, b) => b.number - a.number);
  const bases = basisList.data.legalBases;
  const entries = entryList.data.entries;

  return (
    <WorkSection id="work-decisions" title={t('work.decisions.title')}>
      <Outcome message={outcome.message} error={outcome.error} />
      {decisions.length === 0 ? (
        <p>{t('work.decisions.none')}</p>
      ) : (
        <ol className="work-decisions" reversed>
          {decisions.map((decision) => (
            <DecisionCard key={decision.id} decision={decision} bases={bases} entries={entries} decisions={decisions} />
          ))}
        </ol>
      )}
      {canEdit(props) && (
        <RecordDecisionForm
          caseId={caseId}
          bases={bases}
          entries={entries.filter(isManual)}
          decisions={decisions}
          onDone={(number) => outcome.succeeded(t('work.decisions.recorded', { number }))}
        />
      )}
    </WorkSection>
  );
}

function DecisionCard({ decision, bases, entries, decisions }: { decision: Decision; bases: LegalBasis[]; entries: Entry[]; decisions: Decision[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const now = useNow();
  const basis = bases.find((item) => item.id === decision.legalBasisId);
  const linked = decision.entryIds.map((id) => entries.find((entry) => entry.id === id)).filter((entry) => entry !== undefined);
  const follows = decisions.find((item) => item.id === decision.followsDecisionId);
  const facts: [string, string, string][] = [
    ['by', t('work.decisions.decidedBy'), t(`work.decisionMakers.${decision.decidedBy}`)],
    ['at', t('work.decisions.decidedAt'), dates.format(decision.decidedAt)],
    ['basis', t('work.decisions.legalBasis'), basis ? `${basis.citation} — ${basis.name}` : t('work.decisions.noBasis')],
  ];
  if (decision.councilMeetingAt) facts.push(['council', t('work.decisions.councilMeeting'), dates.format(decision.councilMeetingAt)]);
  if (follows) facts.push(['follows', t('work.decisions.follows'), t('work.decisions.number', { number: follows.number })]);
  for (const key of ['necessity', 'proportionality', 'subsidiarity'] as const) {
    if (decision[key]) facts.push([key, t(`work.decisions.${key}`), decision[key]]);
  }
  facts.push([
    'recorded',
    t('work.decisions.recordedBy'),
    t('work.decisions.recordedByValue', { name: decision.recordedByName, date: dates.format(decision.recordedAt) }),
  ]);

  return (
    <li className="work-card work-decision">
      <h3 id={`work-decision-${decision.id}`} className="work-card-title">
        {t('work.decisions.number', { number: decision.number })}
      </h3>
      <p className="work-text">{decision.text}</p>
      <dl className="work-facts">
        {facts.map(([key, label, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd className="work-text">{value}</dd>
          </div>
        ))}
      </dl>
      {decision.deadlines.length > 0 && (
        <>
          <h4>{t('work.decisions.deadlines')}</h4>
          <ul className="work-deadlines">
            {decision.deadlines.map((deadline) => {
              const state = deadlineState(deadline, now);
              const amount = deadlineAmount(deadline, basis);
              return (
                <li key={deadline.kind} className={`work-deadline work-deadline-${state}`}>
                  <span className="work-deadline-state">{t(`work.deadlineState.${state}`)}</span>{' '}
                  <span>{t(`work.deadlineKind.${deadline.kind}`, { count: amount ?? 0 })}</span>
                  {deadline.dueAt && <span>: {dates.format(deadline.dueAt)}</span>}
                  {state === 'unknown' && <span> — {t('work.decisions.meetingUnknown')}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {linked.length > 0 && (
        <>
          <h4>{t('work.decisions.linkedEntries')}</h4>
          <ul className="work-linked">
            {linked.map((entry) => (
              <li key={entry.id}>
                <span className="work-meta">{dates.format(entry.occurredAt)}</span> {excerpt(entry.text)}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

function RecordDecisionForm({
  caseId,
  bases,
  entries,
  decisions,
  onDone,
}: {
  caseId: string;
  bases: LegalBasis[];
  entries: Entry[];
  decisions: Decision[];
  onDone(number: number): void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const schema = useMemo(
    () =>
      inputForm(
        {
          text: z.string(),
          decidedBy: z.enum(decisionMakers),
          legalBasisId: z.string(),
          necessity: z.string(),
          proportionality: z.string(),
          subsidiarity: z.string(),
          decidedAt: z.string(),
          councilMeetingAt: z.string(),
          followsDecisionId: z.string(),
          entryIds: z.array(z.string()),
        },
        (values) => ({
          caseId,
          text: values.text,
          decidedBy: values.decidedBy,
          legalBasisId: orNull(values.legalBasisId),
          necessity: values.necessity,
          proportionality: values.proportionality,
          subsidiarity: values.subsidiarity,
          decidedAt: timeInput(values.decidedAt, dates.fromInput),
          councilMeetingAt: needsCouncil(bases, values.legalBasisId) ? (timeInput(values.councilMeetingAt, dates.fromInput) ?? null) : null,
          followsDecisionId: orNull(values.followsDecisionId),
          entryIds: values.entryIds,
        }),
        recordDecisionInput,
      ),
    [caseId, dates, bases],
  );
  const defaultValues = {
    text: '',
    decidedBy: 'burgemeester' as const,
    legalBasisId: '',
    necessity: '',
    proportionality: '',
    subsidiarity: '',
    decidedAt: '',
    councilMeetingAt: '',
    followsDecisionId: '',
    entryIds: [] as string[],
  };
  const form = useForm({ resolver: formResolver(schema), defaultValues });
  const recordDecision = useFormWrite(form, 'decisions.record');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const legalBasisId = useWatch({ control: form.control, name: 'legalBasisId' });
  const basis = bases.find((item) => item.id === legalBasisId);

  const submit = form.handleSubmit(async (input) => {
    const result = await recordDecision(input);
    if (!result.ok) return outcome.failed(result.error);
    outcome.clear();
    form.reset();
    onDone(result.value.number);
  });

  return (
    <form className="work-form" noValidate aria-labelledby="work-decision-add-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-decision-add-title">{t('work.decisions.addTitle')}</h3>
      <TextAreaField id="work-decision-text" label={t('work.decisions.text')} required rows={3} error={errors.text?.message} {...form.register('text')} />
      <SelectField id="work-decision-by" label={t('work.decisions.decidedBy')} {...form.register('decidedBy')}>
        {decisionMakers.map((maker) => (
          <option key={maker} value={maker}>
            {t(`work.decisionMakers.${maker}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="work-decision-basis" label={t('work.decisions.legalBasis')} hint={basis?.description} error={errors.legalBasisId?.message} {...form.register('legalBasisId')}>
        <option value="">{t('work.decisions.noBasis')}</option>
        {bases.map((item) => (
          <option key={item.id} value={item.id}>
            {`${item.citation} — ${item.name}`}
          </option>
        ))}
      </SelectField>
      {needsCouncil(bases, legalBasisId) && (
        <>
          <p className="work-warning" role="note">
            {t('work.decisions.ratificationNotice')}
          </p>
          <TimeField
            control={form.control}
            name="councilMeetingAt"
            id="work-decision-council"
            label={t('work.decisions.councilMeeting')}
            hint={t('work.decisions.councilMeetingHint')}
          />
        </>
      )}
      <fieldset className="work-fieldset">
        <legend>{t('work.decisions.rationale')}</legend>
        {(['necessity', 'proportionality', 'subsidiarity'] as const).map((key) => (
          <TextAreaField
            key={key}
            id={`work-decision-${key}`}
            label={t(`work.decisions.${key}`)}
            hint={t(`work.decisions.${key}Hint`)}
            rows={2}
            error={errors[key]?.message}
            {...form.register(key)}
          />
        ))}
      </fieldset>
      <TimeField control={form.control} name="decidedAt" id="work-decision-at" label={t('work.decisions.decidedAt')} hint={t('work.nowIfEmpty')} />
      {decisions.length > 0 && (
        <SelectField id="work-decision-follows" label={t('work.decisions.follows')} hint={t('work.decisions.followsHint')} {...form.register('followsDecisionId')}>
          <option value="">{t('work.none')}</option>
          {decisions.map((item) => (
            <option key={item.id} value={item.id}>
              {`${t('work.decisions.number', { number: item.number })}: ${excerpt(item.text)}`}
            </option>
          ))}
        </SelectField>
      )}
      <fieldset className="work-fieldset">
        <legend>{t('work.decisions.linkedEntries')}</legend>
        <p className="hint">{t('work.decisions.linkedHint')}</p>
        {entries.length === 0 ? (
          <p>{t('work.decisions.noEntries')}</p>
        ) : (
          <Controller
            control={form.control}
            name="entryIds"
            render={({ field }) => (
              <ul className="work-entry-picker">
                {entries.map((entry) => (
                  <li key={entry.id} className="checkbox">
                    <input
                      id={`work-decision-entry-${entry.id}`}
                      type="checkbox"
                      checked={field.value.includes(entry.id)}
                      onChange={(event) => field.onChange(event.target.checked ? [...field.value, entry.id] : field.value.filter((id) => id !== entry.id))}
                    />
                    <label htmlFor={`work-decision-entry-${entry.id}`}>
                      <span className="work-meta">{dates.format(entry.occurredAt)}</span> {excerpt(entry.text)}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          />
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.decisions.add')}
      </button>
      <Outcome message="" error={outcome.error} />
    </form>
  );
}
