import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { decisionMakers, manualEntryTypes } from '../../../shared/domain';
import { limits, recordDecisionInput, setCouncilMeetingInput } from '../../../shared/schemas';
import type { Decision, Entry, LegalBasis, LinkedEntry } from '../../../shared/views';
import { emptyDateTime } from '../../../shared/time';
import { useDateTimeValueOf, useReadDateTime } from '../components/DateTimeField';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { dateTimeValue, inputForm, orNull, timeInput } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { draftKeys, useFormDraft } from '../drafts';
import { endCursor } from '../timeline/window';
import { deadlineAmount, deadlineState } from './deadlines';
import { canEdit, LoadState, Outcome, useDates, useNow, WorkSection, type WorkSectionProps } from './shared';
import { UserText } from '../components/UserText';
import { excerpt, showHidden } from '../../../shared/visible-text';
import { LongText, TimeField } from '../components/FormFields';

/** As long as the excerpts the decision list reads from the vault. */
const excerptOf = (text: string) => excerpt(text, 140);

/** A basis that needs the council's ratification (art. 176) asks for the meeting date. */
const needsCouncil = (bases: readonly LegalBasis[], legalBasisId: string): boolean =>
  bases.find((item) => item.id === legalBasisId)?.deadlineRules.some((rule) => rule.kind === 'council-ratification') ?? false;

/** How many matches the entry picker shows; more specific words find older entries. */
const pickerLimit = 20;
/** `#123` or `123`: the entry with that number. */
const entryNumber = /^#?\s*([1-9]\d{0,9})$/;

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
  const outcome = useOutcome();

  if (!decisionList.data || !basisList.data) {
    return (
      <WorkSection id="work-decisions" title={t('work.decisions.title')}>
        <LoadState error={decisionList.error ?? basisList.error} loading />
      </WorkSection>
    );
  }
  const decisions = [...decisionList.data.decisions].sort((a, b) => b.number - a.number);
  const bases = basisList.data.legalBases;
  const editable = canEdit(props);

  return (
    <WorkSection id="work-decisions" title={t('work.decisions.title')} onWriteFailed={outcome.clearMessage}>
      <Outcome message={outcome.message} error={outcome.error} />
      {decisions.length === 0 ? (
        <p>{t('work.decisions.none')}</p>
      ) : (
        <ol className="work-decisions" reversed>
          {decisions.map((decision) => (
            <DecisionCard key={decision.id} decision={decision} bases={bases} decisions={decisions} editable={editable} onChanged={outcome.succeeded} />
          ))}
        </ol>
      )}
      {editable && (
        <RecordDecisionForm caseId={caseId} bases={bases} decisions={decisions} onDone={(number) => outcome.succeeded(t('work.decisions.recorded', { number }))} />
      )}
    </WorkSection>
  );
}

function DecisionCard({
  decision,
  bases,
  decisions,
  editable,
  onChanged,
}: {
  decision: Decision;
  bases: LegalBasis[];
  decisions: Decision[];
  editable: boolean;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const now = useNow();
  const [settingMeeting, setSettingMeeting] = useState(false);
  const basis = bases.find((item) => item.id === decision.legalBasisId);
  const linked = decision.linkedEntries;
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
      <p className="work-text">
        <UserText text={decision.text} />
      </p>
      <dl className="work-facts">
        {facts.map(([key, label, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd className="work-text">
              <UserText text={value} />
            </dd>
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
                  {editable && deadline.kind === 'council-ratification' && !deadline.met && !settingMeeting && (
                    <div className="work-actions">
                      <button type="button" onClick={() => setSettingMeeting(true)}>
                        {t(deadline.dueAt ? 'work.decisions.changeMeeting' : 'work.decisions.setMeeting')}
                        <span className="visually-hidden"> {t('work.decisions.number', { number: decision.number })}</span>
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          {settingMeeting && (
            <CouncilMeetingForm
              decision={decision}
              onCancel={() => setSettingMeeting(false)}
              onDone={(message) => {
                setSettingMeeting(false);
                onChanged(message);
              }}
            />
          )}
        </>
      )}
      {linked.length > 0 && (
        <>
          <h4>{t('work.decisions.linkedEntries')}</h4>
          <ul className="work-linked">
            {linked.map((entry) => (
              <li key={entry.id}>
                <span className="work-meta">
                  #{entry.seq} · {dates.format(entry.occurredAt)}
                </span>{' '}
                <UserText text={entry.excerpt} />
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** The council meeting's date for a decision recorded without it (or moved since): logged as an addition. */
function CouncilMeetingForm({ decision, onCancel, onDone }: { decision: Decision; onCancel(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const read = useReadDateTime();
  const valueOf = useDateTimeValueOf();
  const schema = useMemo(
    () =>
      inputForm(
        { councilMeetingAt: dateTimeValue },
        (values, context) => {
          const councilMeetingAt = timeInput(values.councilMeetingAt, read, context, 'councilMeetingAt');
          if (councilMeetingAt === undefined && values.councilMeetingAt.text.trim() === '') {
            context.addIssue({ code: 'custom', path: ['councilMeetingAt'], message: t('work.decisions.needMeeting') });
          }
          return { decisionId: decision.id, councilMeetingAt: councilMeetingAt ?? '' };
        },
        setCouncilMeetingInput,
      ),
    [decision.id, read, t],
  );
  const form = useForm({
    resolver: formResolver(schema),
    defaultValues: { councilMeetingAt: decision.councilMeetingAt ? valueOf(decision.councilMeetingAt) : emptyDateTime },
  });
  const setMeeting = useFormWrite(form, 'decisions.setCouncilMeeting');
  const outcome = useOutcome();
  const title = t('work.decisions.meetingTitle', { number: decision.number });

  const submit = form.handleSubmit(async (input) => {
    const result = await setMeeting(input);
    if (!result.ok) return outcome.failed(result.error);
    onDone(t('work.decisions.meetingSaved', { number: decision.number }));
  });

  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <TimeField
        control={form.control}
        name="councilMeetingAt"
        id={`work-decision-${decision.id}-council`}
        label={t('work.decisions.councilMeeting')}
        hint={t('work.decisions.councilMeetingHint')}
      />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {t('work.decisions.saveMeeting')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}

const toLinked = (entry: Entry): LinkedEntry => ({
  id: entry.id,
  seq: entry.seq,
  occurredAt: entry.occurredAt,
  type: entry.type,
  excerpt: excerptOf(entry.text),
});

/**
 * Finds the entries a decision rests on anywhere in the case: words from the text (the full-text search of the
 * timeline) or an entry number, newest first. The chosen ones stay as chips, whatever the search shows.
 */
function EntryPicker({ caseId, chosen, onChange }: { caseId: string; chosen: LinkedEntry[]; onChange(next: LinkedEntry[]): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [query, setQuery] = useState('');
  const [words, setWords] = useState('');
  // Typing waits a moment so each keystroke does not search.
  useEffect(() => {
    const timer = window.setTimeout(() => setWords(query.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [query]);
  const number = entryNumber.exec(words);
  const filter = number ? { seq: Number(number[1]) } : words ? { query: words } : {};
  const found = useApiQuery(queryKeys.ofCase(caseId, 'entry-picker', filter), () =>
    api['entries.list']({ caseId, types: [...manualEntryTypes], before: endCursor, limit: pickerLimit, ...filter }),
  );
  const entries = found.data ? [...found.data.entries].reverse() : [];

  return (
    <fieldset className="work-fieldset">
      <legend>{t('work.decisions.linkedEntries')}</legend>
      <p className="hint">{t('work.decisions.linkedHint')}</p>
      {chosen.length > 0 && (
        <ul className="work-chips" aria-label={t('work.decisions.chosenEntries')}>
          {chosen.map((entry) => (
            <li key={entry.id} className="work-chip">
              <span>
                <span className="work-meta">
                  #{entry.seq} · {dates.format(entry.occurredAt)}
                </span>{' '}
                <UserText text={entry.excerpt} />
              </span>
              <button
                type="button"
                aria-label={t('work.decisions.unlink', { number: entry.seq })}
                onClick={() => onChange(chosen.filter((item) => item.id !== entry.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field
        id="work-decision-entry-search"
        type="search"
        label={t('work.decisions.searchEntries')}
        hint={t('work.decisions.searchEntriesHint')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {found.isPending ? (
        <p role="status">{t('work.loading')}</p>
      ) : found.error ? (
        <LoadState error={found.error} loading={false} />
      ) : (
        <>
          <p role="status" className="hint">
            {entries.length === 0
              ? t(words ? 'work.decisions.noMatches' : 'work.decisions.noEntries')
              : t(words ? 'work.decisions.matches' : 'work.decisions.newest', { count: entries.length })}
          </p>
          <ul className="work-entry-picker">
            {entries.map((entry) => {
              const linked = chosen.some((item) => item.id === entry.id);
              return (
                <li key={entry.id}>
                  <button type="button" className="work-entry-result" disabled={linked} onClick={() => onChange([...chosen, toLinked(entry)])}>
                    {linked ? <span>✓ {t('work.decisions.alreadyLinked')} </span> : <span className="visually-hidden">{t('work.decisions.link')} </span>}
                    <span className="work-meta">
                      #{entry.seq} · {dates.format(entry.occurredAt)}
                    </span>{' '}
                    <UserText text={excerptOf(entry.text)} />
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}

function RecordDecisionForm({
  caseId,
  bases,
  decisions,
  onDone,
}: {
  caseId: string;
  bases: LegalBasis[];
  decisions: Decision[];
  onDone(number: number): void;
}) {
  const { t } = useTranslation();
  const read = useReadDateTime();
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
          decidedAt: dateTimeValue,
          councilMeetingAt: dateTimeValue,
          councilMeetingUnknown: z.boolean(),
          followsDecisionId: z.string(),
          linked: z.array(z.custom<LinkedEntry>()),
        },
        (values, context) => {
          const council = needsCouncil(bases, values.legalBasisId);
          const unknown = council && values.councilMeetingUnknown;
          const meeting = council && !unknown ? (timeInput(values.councilMeetingAt, read, context, 'councilMeetingAt') ?? null) : null;
          // The basis decides whether a meeting date is asked; the service refuses the same, the form says where.
          if (council && !unknown && meeting === null && values.councilMeetingAt.text.trim() === '') {
            context.addIssue({ code: 'custom', path: ['councilMeetingAt'], message: t('work.decisions.needMeeting') });
          }
          return {
            caseId,
            text: values.text,
            decidedBy: values.decidedBy,
            legalBasisId: orNull(values.legalBasisId),
            necessity: values.necessity,
            proportionality: values.proportionality,
            subsidiarity: values.subsidiarity,
            decidedAt: timeInput(values.decidedAt, read, context, 'decidedAt'),
            councilMeetingAt: meeting,
            councilMeetingUnknown: unknown,
            followsDecisionId: orNull(values.followsDecisionId),
            entryIds: values.linked.map((entry) => entry.id),
          };
        },
        recordDecisionInput,
      ),
    [caseId, read, bases, t],
  );
  const defaultValues = {
    text: '',
    decidedBy: 'burgemeester' as const,
    legalBasisId: '',
    necessity: '',
    proportionality: '',
    subsidiarity: '',
    decidedAt: emptyDateTime,
    councilMeetingAt: emptyDateTime,
    councilMeetingUnknown: false,
    followsDecisionId: '',
    linked: [] as LinkedEntry[],
  };
  const form = useForm({ resolver: formResolver(schema), defaultValues });
  const draft = useFormDraft(draftKeys.decision(caseId), form);
  const recordDecision = useFormWrite(form, 'decisions.record');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const legalBasisId = useWatch({ control: form.control, name: 'legalBasisId' });
  const meetingUnknown = useWatch({ control: form.control, name: 'councilMeetingUnknown' });
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
      {draft.offer}
      <LongText control={form.control} name="text" id="work-decision-text" label={t('work.decisions.text')} required rows={3} maxLength={limits.entryText} />
      <SelectField id="work-decision-by" label={t('work.decisions.decidedBy')} {...form.register('decidedBy')}>
        {decisionMakers.map((maker) => (
          <option key={maker} value={maker}>
            {t(`work.decisionMakers.${maker}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="work-decision-basis" label={t('work.decisions.legalBasis')} hint={basis ? showHidden(basis.description) : undefined} error={errors.legalBasisId?.message} {...form.register('legalBasisId')}>
        <option value="">{t('work.decisions.noBasis')}</option>
        {bases.map((item) => (
          <option key={item.id} value={item.id}>
            {showHidden(`${item.citation} — ${item.name}`)}
          </option>
        ))}
      </SelectField>
      {needsCouncil(bases, legalBasisId) && (
        <>
          <p className="work-warning" role="note">
            {t('work.decisions.ratificationNotice')}
          </p>
          {!meetingUnknown && (
            <TimeField
              control={form.control}
              name="councilMeetingAt"
              id="work-decision-council"
              label={t('work.decisions.councilMeeting')}
              hint={t('work.decisions.councilMeetingHint')}
            />
          )}
          <div className="checkbox">
            <input
              id="work-decision-council-unknown"
              type="checkbox"
              aria-describedby="work-decision-council-unknown-hint"
              {...form.register('councilMeetingUnknown')}
            />
            <label htmlFor="work-decision-council-unknown">{t('work.decisions.meetingNotKnown')}</label>
          </div>
          <p id="work-decision-council-unknown-hint" className="hint">
            {t('work.decisions.meetingNotKnownHint')}
          </p>
        </>
      )}
      <fieldset className="work-fieldset">
        <legend>{t('work.decisions.rationale')}</legend>
        {(['necessity', 'proportionality', 'subsidiarity'] as const).map((key) => (
          <LongText
            key={key}
            control={form.control}
            name={key}
            id={`work-decision-${key}`}
            label={t(`work.decisions.${key}`)}
            hint={t(`work.decisions.${key}Hint`)}
            rows={2}
            maxLength={limits.reason}
          />
        ))}
      </fieldset>
      <TimeField control={form.control} name="decidedAt" id="work-decision-at" label={t('work.decisions.decidedAt')} hint={t('work.nowIfEmpty')} />
      {decisions.length > 0 && (
        <SelectField id="work-decision-follows" label={t('work.decisions.follows')} hint={t('work.decisions.followsHint')} {...form.register('followsDecisionId')}>
          <option value="">{t('work.none')}</option>
          {decisions.map((item) => (
            <option key={item.id} value={item.id}>
              {`${t('work.decisions.number', { number: item.number })}: ${showHidden(excerptOf(item.text))}`}
            </option>
          ))}
        </SelectField>
      )}
      <Controller
        control={form.control}
        name="linked"
        render={({ field }) => <EntryPicker caseId={caseId} chosen={field.value} onChange={field.onChange} />}
      />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('work.decisions.add')}
      </button>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}
