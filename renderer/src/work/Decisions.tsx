import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionMakers, manualEntryTypes, type DecisionMaker } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Decision, Entry, LegalBasis } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { UserText } from '../components/UserText';
import { deadlineAmount, deadlineState } from './deadlines';
import { all, canEdit, DateTimeField, LoadState, Outcome, Select, TextArea, useDates, useLoad, useNow, WorkSection, type WorkSectionProps, useApi } from './shared';

const isManual = (entry: Entry) => (manualEntryTypes as readonly string[]).includes(entry.type);
const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)}…` : text);

/**
 * The decision list: each decision numbered, with who took it, on which legal basis, why (necessity,
 * proportionality, subsidiarity), what it rests on, and the deadlines its basis imposes.
 */
export function DecisionsSection(props: WorkSectionProps) {
  const { caseDetail, onChanged } = props;
  const { t } = useTranslation();
  const api = useApi();
  const caseId = caseDetail.id;
  const { data, error, reload } = useLoad(
    () =>
      all({
        decisions: api['decisions.list']({ caseId }),
        bases: api['legalBases.list'](),
        entries: api['entries.list']({ caseId, limit: 500 }),
      }),
    `${caseId}|${props.revision}`,
  );
  const [message, setMessage] = useState('');

  if (!data) {
    return (
      <WorkSection id="work-decisions" title={t('work.decisions.title')}>
        <LoadState error={error} loading />
      </WorkSection>
    );
  }
  const decisions = [...data.decisions.decisions].sort((a, b) => b.number - a.number);
  const bases = data.bases.legalBases;
  const entries = data.entries.entries;

  return (
    <WorkSection id="work-decisions" title={t('work.decisions.title')} onWriteFailed={() => setMessage('')}>
      <p role="status" className="work-saved">
        {message}
      </p>
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
          onDone={async (number) => {
            await reload();
            setMessage(t('work.decisions.recorded', { number }));
            onChanged();
          }}
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
                <span className="work-meta">{dates.format(entry.occurredAt)}</span> <UserText text={excerpt(entry.text)} />
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
  onDone(number: number): Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [text, setText] = useState('');
  const [decidedBy, setDecidedBy] = useState<DecisionMaker>('burgemeester');
  const [legalBasisId, setLegalBasisId] = useState('');
  const [necessity, setNecessity] = useState('');
  const [proportionality, setProportionality] = useState('');
  const [subsidiarity, setSubsidiarity] = useState('');
  const [decidedAt, setDecidedAt] = useState('');
  const [councilMeetingAt, setCouncilMeetingAt] = useState('');
  const [followsDecisionId, setFollowsDecisionId] = useState('');
  const [entryIds, setEntryIds] = useState<string[]>([]);
  const [error, setError] = useState<Failure | string | null>(null);
  const basis = bases.find((item) => item.id === legalBasisId);
  const needsCouncil = basis?.deadlineRules.some((rule) => rule.kind === 'council-ratification') ?? false;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!text.trim()) return setError(t('work.decisions.needText'));
    const decided = decidedAt ? dates.fromInput(decidedAt) : null;
    const meeting = needsCouncil && councilMeetingAt ? dates.fromInput(councilMeetingAt) : null;
    if ((decidedAt && !decided) || (needsCouncil && councilMeetingAt && !meeting)) return setError(t('work.invalidTime'));
    const result = await api['decisions.record']({
      caseId,
      text,
      decidedBy,
      legalBasisId: legalBasisId || null,
      necessity,
      proportionality,
      subsidiarity,
      ...(decided ? { decidedAt: decided } : {}),
      councilMeetingAt: meeting,
      followsDecisionId: followsDecisionId || null,
      entryIds,
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
    setLegalBasisId('');
    setNecessity('');
    setProportionality('');
    setSubsidiarity('');
    setDecidedAt('');
    setCouncilMeetingAt('');
    setFollowsDecisionId('');
    setEntryIds([]);
    await onDone(result.value.number);
  }

  return (
    <form className="work-form" noValidate aria-labelledby="work-decision-add-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-decision-add-title">{t('work.decisions.addTitle')}</h3>
      <TextArea id="work-decision-text" label={t('work.decisions.text')} maxLength={limits.entryText} value={text} onChange={setText} required />
      <Select
        id="work-decision-by"
        label={t('work.decisions.decidedBy')}
        value={decidedBy}
        options={decisionMakers.map((maker) => [maker, t(`work.decisionMakers.${maker}`)] as const)}
        onChange={(value) => setDecidedBy(value as DecisionMaker)}
      />
      <Select
        id="work-decision-basis"
        label={t('work.decisions.legalBasis')}
        hint={basis ? showHidden(basis.description) : undefined}
        value={legalBasisId}
        options={[['', t('work.decisions.noBasis')], ...bases.map((item) => [item.id, `${item.citation} — ${item.name}`] as const)]}
        onChange={setLegalBasisId}
      />
      {needsCouncil && (
        <>
          <p className="work-warning" role="note">
            {t('work.decisions.ratificationNotice')}
          </p>
          <DateTimeField
            id="work-decision-council"
            label={t('work.decisions.councilMeeting')}
            hint={t('work.decisions.councilMeetingHint')}
            value={councilMeetingAt}
            onChange={setCouncilMeetingAt}
          />
        </>
      )}
      <fieldset className="work-fieldset">
        <legend>{t('work.decisions.rationale')}</legend>
        <TextArea
          id="work-decision-necessity"
          label={t('work.decisions.necessity')}
          hint={t('work.decisions.necessityHint')}
          maxLength={limits.reason}
          value={necessity}
          onChange={setNecessity}
          rows={2}
        />
        <TextArea
          id="work-decision-proportionality"
          label={t('work.decisions.proportionality')}
          hint={t('work.decisions.proportionalityHint')}
          maxLength={limits.reason}
          value={proportionality}
          onChange={setProportionality}
          rows={2}
        />
        <TextArea
          id="work-decision-subsidiarity"
          label={t('work.decisions.subsidiarity')}
          hint={t('work.decisions.subsidiarityHint')}
          maxLength={limits.reason}
          value={subsidiarity}
          onChange={setSubsidiarity}
          rows={2}
        />
      </fieldset>
      <DateTimeField id="work-decision-at" label={t('work.decisions.decidedAt')} hint={t('work.nowIfEmpty')} value={decidedAt} onChange={setDecidedAt} />
      {decisions.length > 0 && (
        <Select
          id="work-decision-follows"
          label={t('work.decisions.follows')}
          hint={t('work.decisions.followsHint')}
          value={followsDecisionId}
          options={[['', t('work.none')], ...decisions.map((item) => [item.id, `${t('work.decisions.number', { number: item.number })}: ${excerpt(item.text)}`] as const)]}
          onChange={setFollowsDecisionId}
        />
      )}
      <fieldset className="work-fieldset">
        <legend>{t('work.decisions.linkedEntries')}</legend>
        <p className="hint">{t('work.decisions.linkedHint')}</p>
        {entries.length === 0 ? (
          <p>{t('work.decisions.noEntries')}</p>
        ) : (
          <ul className="work-entry-picker">
            {entries.map((entry) => (
              <li key={entry.id} className="checkbox">
                <input
                  id={`work-decision-entry-${entry.id}`}
                  type="checkbox"
                  checked={entryIds.includes(entry.id)}
                  onChange={(event) =>
                    setEntryIds((current) => (event.target.checked ? [...current, entry.id] : current.filter((id) => id !== entry.id)))
                  }
                />
                <label htmlFor={`work-decision-entry-${entry.id}`}>
                  <span className="work-meta">{dates.format(entry.occurredAt)}</span> <UserText text={excerpt(entry.text)} />
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <button type="submit" className="primary">
        {t('work.decisions.add')}
      </button>
      <Outcome message="" error={error} />
    </form>
  );
}
