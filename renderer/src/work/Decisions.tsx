import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionMakers, manualEntryTypes, type DecisionMaker } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import type { Decision, Entry, LegalBasis, LinkedEntry } from '../../../shared/views';
import { Field } from '../components/Field';
import { endCursor } from '../timeline/window';
import { deadlineAmount, deadlineState } from './deadlines';
import { all, canEdit, DateTimeField, LoadState, Outcome, Select, TextArea, useDates, useLoad, useNow, WorkSection, type WorkSectionProps, useApi } from './shared';

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)}…` : text);

/** How many matches the entry picker shows; more specific words find older entries. */
const pickerLimit = 20;
/** `#123` or `123`: the entry with that number. */
const entryNumber = /^#?\s*([1-9]\d{0,9})$/;

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
  const editable = canEdit(props);
  const changed = async (text: string) => {
    await reload();
    setMessage(text);
    onChanged();
  };

  return (
    <WorkSection id="work-decisions" title={t('work.decisions.title')}>
      <p role="status" className="work-saved">
        {message}
      </p>
      {decisions.length === 0 ? (
        <p>{t('work.decisions.none')}</p>
      ) : (
        <ol className="work-decisions" reversed>
          {decisions.map((decision) => (
            <DecisionCard key={decision.id} decision={decision} bases={bases} decisions={decisions} editable={editable} onChanged={changed} />
          ))}
        </ol>
      )}
      {editable && (
        <RecordDecisionForm caseId={caseId} bases={bases} decisions={decisions} onDone={(number) => changed(t('work.decisions.recorded', { number }))} />
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
  onChanged(message: string): Promise<void>;
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
              onDone={async (message) => {
                setSettingMeeting(false);
                await onChanged(message);
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
                {entry.excerpt}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** The council meeting's date for a decision recorded without it (or moved since): logged as an addition. */
function CouncilMeetingForm({ decision, onCancel, onDone }: { decision: Decision; onCancel(): void; onDone(message: string): Promise<void> }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const [value, setValue] = useState(decision.councilMeetingAt ? dates.toInput(decision.councilMeetingAt) : '');
  const [error, setError] = useState<Failure | string | null>(null);
  const title = t('work.decisions.meetingTitle', { number: decision.number });

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const councilMeetingAt = value ? dates.fromInput(value) : null;
    if (!councilMeetingAt) return setError(t('work.invalidTime'));
    const result = await api['decisions.setCouncilMeeting']({ decisionId: decision.id, councilMeetingAt });
    if (!result.ok) return setError(result.error);
    await onDone(t('work.decisions.meetingSaved', { number: decision.number }));
  }

  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <DateTimeField
        id={`work-decision-${decision.id}-council`}
        label={t('work.decisions.councilMeeting')}
        hint={t('work.decisions.councilMeetingHint')}
        value={value}
        onChange={setValue}
      />
      <div className="work-actions">
        <button type="submit" className="primary">
          {t('work.decisions.saveMeeting')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('work.cancel')}
        </button>
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}

const toLinked = (entry: Entry): LinkedEntry => ({
  id: entry.id,
  seq: entry.seq,
  occurredAt: entry.occurredAt,
  type: entry.type,
  excerpt: excerpt(entry.text),
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
  const [found, setFound] = useState<{ entries: Entry[]; error: Failure | null } | null>(null);

  useEffect(() => {
    let current = true;
    const words = query.trim();
    const number = entryNumber.exec(words);
    const filter = number ? { seq: Number(number[1]) } : words ? { query: words } : {};
    // Typing waits a moment so each keystroke does not search; the first, empty search runs at once.
    const timer = window.setTimeout(
      () =>
        void api['entries.list']({ caseId, types: [...manualEntryTypes], before: endCursor, limit: pickerLimit, ...filter }).then((result) => {
          if (!current) return;
          setFound(result.ok ? { entries: [...result.value.entries].reverse(), error: null } : { entries: [], error: result.error });
        }),
      words ? 250 : 0,
    );
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, caseId, query]);

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
                {entry.excerpt}
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
      {found === null ? (
        <p role="status">{t('work.loading')}</p>
      ) : found.error ? (
        <LoadState error={found.error} loading={false} />
      ) : (
        <>
          <p role="status" className="hint">
            {found.entries.length === 0
              ? t(query.trim() ? 'work.decisions.noMatches' : 'work.decisions.noEntries')
              : t(query.trim() ? 'work.decisions.matches' : 'work.decisions.newest', { count: found.entries.length })}
          </p>
          <ul className="work-entry-picker">
            {found.entries.map((entry) => {
              const linked = chosen.some((item) => item.id === entry.id);
              return (
                <li key={entry.id}>
                  <button type="button" className="work-entry-result" disabled={linked} onClick={() => onChange([...chosen, toLinked(entry)])}>
                    {linked ? <span>✓ {t('work.decisions.alreadyLinked')} </span> : <span className="visually-hidden">{t('work.decisions.link')} </span>}
                    <span className="work-meta">
                      #{entry.seq} · {dates.format(entry.occurredAt)}
                    </span>{' '}
                    {excerpt(entry.text)}
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
  const [councilMeetingUnknown, setCouncilMeetingUnknown] = useState(false);
  const [followsDecisionId, setFollowsDecisionId] = useState('');
  const [linked, setLinked] = useState<LinkedEntry[]>([]);
  const [error, setError] = useState<Failure | string | null>(null);
  const basis = bases.find((item) => item.id === legalBasisId);
  const needsCouncil = basis?.deadlineRules.some((rule) => rule.kind === 'council-ratification') ?? false;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!text.trim()) return setError(t('work.decisions.needText'));
    const decided = decidedAt ? dates.fromInput(decidedAt) : null;
    const unknown = needsCouncil && councilMeetingUnknown;
    const meeting = needsCouncil && !unknown && councilMeetingAt ? dates.fromInput(councilMeetingAt) : null;
    if ((decidedAt && !decided) || (needsCouncil && !unknown && councilMeetingAt && !meeting)) return setError(t('work.invalidTime'));
    if (needsCouncil && !unknown && !meeting) return setError(t('work.decisions.needMeeting'));
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
      councilMeetingUnknown: unknown,
      followsDecisionId: followsDecisionId || null,
      entryIds: linked.map((entry) => entry.id),
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
    setCouncilMeetingUnknown(false);
    setFollowsDecisionId('');
    setLinked([]);
    await onDone(result.value.number);
  }

  return (
    <form className="work-form" noValidate aria-labelledby="work-decision-add-title" onSubmit={(event) => void submit(event)}>
      <h3 id="work-decision-add-title">{t('work.decisions.addTitle')}</h3>
      <TextArea id="work-decision-text" label={t('work.decisions.text')} value={text} onChange={setText} required />
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
        hint={basis?.description}
        value={legalBasisId}
        options={[['', t('work.decisions.noBasis')], ...bases.map((item) => [item.id, `${item.citation} — ${item.name}`] as const)]}
        onChange={setLegalBasisId}
      />
      {needsCouncil && (
        <>
          <p className="work-warning" role="note">
            {t('work.decisions.ratificationNotice')}
          </p>
          {!councilMeetingUnknown && (
            <DateTimeField
              id="work-decision-council"
              label={t('work.decisions.councilMeeting')}
              hint={t('work.decisions.councilMeetingHint')}
              value={councilMeetingAt}
              onChange={setCouncilMeetingAt}
            />
          )}
          <div className="checkbox">
            <input
              id="work-decision-council-unknown"
              type="checkbox"
              aria-describedby="work-decision-council-unknown-hint"
              checked={councilMeetingUnknown}
              onChange={(event) => setCouncilMeetingUnknown(event.target.checked)}
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
        <TextArea id="work-decision-necessity" label={t('work.decisions.necessity')} hint={t('work.decisions.necessityHint')} value={necessity} onChange={setNecessity} rows={2} />
        <TextArea
          id="work-decision-proportionality"
          label={t('work.decisions.proportionality')}
          hint={t('work.decisions.proportionalityHint')}
          value={proportionality}
          onChange={setProportionality}
          rows={2}
        />
        <TextArea
          id="work-decision-subsidiarity"
          label={t('work.decisions.subsidiarity')}
          hint={t('work.decisions.subsidiarityHint')}
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
      <EntryPicker caseId={caseId} chosen={linked} onChange={setLinked} />
      <button type="submit" className="primary">
        {t('work.decisions.add')}
      </button>
      <Outcome message="" error={error} />
    </form>
  );
}
