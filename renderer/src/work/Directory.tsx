import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationKinds, type OrganisationKind } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Organisation, Person } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { Field } from '../components/Field';
import { UserText } from '../components/UserText';
import { all, LoadState, Outcome, Select, TextArea, useLoad, useApi, WorkSection } from './shared';

/**
 * The offline directory: partner organisations (police, OM, youth work, schools, platforms, veiligheidsregio,
 * the municipality's own staff) and the people in them, with how to reach them. Not tied to a case.
 */
export function Directory({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error, reload } = useLoad(
    () => all({ organisations: api['directory.organisations'](), people: api['directory.people']() }),
    'directory',
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const organisations = data?.organisations.organisations ?? [];
  const people = data?.people.people ?? [];
  const organisationName = (id: string | null) => organisations.find((item) => item.id === id)?.name ?? '';

  const done = async (text: string) => {
    setEditing(null);
    await reload();
    setMessage(text);
  };

  return (
    <WorkSection id="work-directory" title={t('work.directory.title')} onWriteFailed={() => setMessage('')}>
      <p className="hint">{t('work.directory.intro')}</p>
      {!data && <LoadState error={error} loading />}
      <p role="status" className="work-saved">
        {message}
      </p>

      <h3>{t('work.directory.organisations')}</h3>
      {data && organisations.length === 0 && <p>{t('work.directory.noOrganisations')}</p>}
      <ul className="work-cards">
        {organisations.map((organisation) => (
          <li key={organisation.id} className="work-card">
            {editing === organisation.id ? (
              <OrganisationForm organisation={organisation} onSaved={(name) => done(t('work.directory.saved', { name }))} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <p className="work-card-title">
                  <UserText text={organisation.name} />
                </p>
                <p className="work-badge">{t(`work.organisationKinds.${organisation.kind}`)}</p>
                {organisation.contact && (
                  <p className="work-text">
                    <UserText text={organisation.contact} />
                  </p>
                )}
                {organisation.notes && (
                  <p className="hint work-text">
                    <UserText text={organisation.notes} />
                  </p>
                )}
                {canWrite && (
                  <button type="button" onClick={() => setEditing(organisation.id)}>
                    {t('work.edit')}
                    <span className="visually-hidden"> {showHidden(organisation.name)}</span>
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite && data && <OrganisationForm onSaved={(name) => done(t('work.directory.added', { name }))} />}

      <h3>{t('work.directory.people')}</h3>
      {data && people.length === 0 && <p>{t('work.directory.noPeople')}</p>}
      <ul className="work-cards">
        {people.map((person) => (
          <li key={person.id} className="work-card">
            {editing === person.id ? (
              <PersonForm
                person={person}
                organisations={organisations}
                onSaved={(name) => done(t('work.directory.saved', { name }))}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <p className="work-card-title">
                  <UserText text={person.name} />
                </p>
                <p>
                  <UserText text={[person.function, organisationName(person.organisationId)].filter(Boolean).join(', ')} />
                </p>
                {person.contact && (
                  <p className="work-text">
                    <UserText text={person.contact} />
                  </p>
                )}
                {person.notes && (
                  <p className="hint work-text">
                    <UserText text={person.notes} />
                  </p>
                )}
                {canWrite && (
                  <button type="button" onClick={() => setEditing(person.id)}>
                    {t('work.edit')}
                    <span className="visually-hidden"> {showHidden(person.name)}</span>
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite && data && <PersonForm organisations={organisations} onSaved={(name) => done(t('work.directory.added', { name }))} />}
    </WorkSection>
  );
}

function OrganisationForm({
  organisation,
  onSaved,
  onCancel,
}: {
  organisation?: Organisation;
  onSaved(name: string): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const id = `work-org-${organisation?.id ?? 'new'}`;
  const [name, setName] = useState(organisation?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(organisation?.kind ?? 'politie');
  const [contact, setContact] = useState(organisation?.contact ?? '');
  const [notes, setNotes] = useState(organisation?.notes ?? '');
  const [nameError, setNameError] = useState('');
  const [error, setError] = useState<Failure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('form.required'));
      return;
    }
    setNameError('');
    const fields = { name, kind, contact, notes };
    const result = organisation
      ? await api['directory.updateOrganisation']({ organisationId: organisation.id, ...fields })
      : await api['directory.createOrganisation'](fields);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    if (!organisation) {
      setName('');
      setContact('');
      setNotes('');
    }
    onSaved(result.value.name);
  }

  const title = organisation ? t('work.directory.editOrganisation', { name: organisation.name }) : t('work.directory.addOrganisation');
  return (
    <form className="work-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <Field
        id={`${id}-name`}
        type="text"
        label={t('work.directory.organisationName')}
        maxLength={limits.name}
        value={name}
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      <Select
        id={`${id}-kind`}
        label={t('work.directory.kind')}
        value={kind}
        options={organisationKinds.map((value) => [value, t(`work.organisationKinds.${value}`)] as const)}
        onChange={(value) => setKind(value as OrganisationKind)}
      />
      <TextArea
        id={`${id}-contact`}
        label={t('work.directory.contact')}
        hint={t('work.directory.contactHint')}
        maxLength={limits.notes}
        value={contact}
        onChange={setContact}
        rows={2}
      />
      <TextArea id={`${id}-notes`} label={t('work.directory.notes')} maxLength={limits.notes} value={notes} onChange={setNotes} rows={2} />
      <div className="work-actions">
        <button type="submit" className="primary">
          {organisation ? t('work.save') : t('work.directory.addOrganisation')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('work.cancel')}
          </button>
        )}
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}

function PersonForm({
  person,
  organisations,
  onSaved,
  onCancel,
}: {
  person?: Person;
  organisations: Organisation[];
  onSaved(name: string): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const id = `work-person-${person?.id ?? 'new'}`;
  const [name, setName] = useState(person?.name ?? '');
  const [organisationId, setOrganisationId] = useState(person?.organisationId ?? '');
  const [role, setRole] = useState(person?.function ?? '');
  const [contact, setContact] = useState(person?.contact ?? '');
  const [notes, setNotes] = useState(person?.notes ?? '');
  const [nameError, setNameError] = useState('');
  const [error, setError] = useState<Failure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('form.required'));
      return;
    }
    setNameError('');
    const fields = { name, organisationId: organisationId || null, function: role, contact, notes };
    const result = person
      ? await api['directory.updatePerson']({ personId: person.id, ...fields })
      : await api['directory.createPerson'](fields);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    if (!person) {
      setName('');
      setRole('');
      setContact('');
      setNotes('');
    }
    onSaved(result.value.name);
  }

  const title = person ? t('work.directory.editPerson', { name: person.name }) : t('work.directory.addPerson');
  return (
    <form className="work-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <Field
        id={`${id}-name`}
        type="text"
        label={t('work.directory.personName')}
        maxLength={limits.name}
        value={name}
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      <Field id={`${id}-function`} type="text" label={t('work.directory.function')} maxLength={limits.name} value={role} onChange={(event) => setRole(event.target.value)} />
      <Select
        id={`${id}-organisation`}
        label={t('work.directory.organisation')}
        value={organisationId}
        options={[['', t('work.directory.noOrganisation')], ...organisations.map((item) => [item.id, item.name] as const)]}
        onChange={setOrganisationId}
      />
      <TextArea
        id={`${id}-contact`}
        label={t('work.directory.contact')}
        hint={t('work.directory.contactHint')}
        maxLength={limits.notes}
        value={contact}
        onChange={setContact}
        rows={2}
      />
      <TextArea id={`${id}-notes`} label={t('work.directory.notes')} maxLength={limits.notes} value={notes} onChange={setNotes} rows={2} />
      <div className="work-actions">
        <button type="submit" className="primary">
          {person ? t('work.save') : t('work.directory.addPerson')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('work.cancel')}
          </button>
        )}
      </div>
      <Outcome message="" error={error} />
    </form>
  );
}
