import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { organisationKinds } from '../../../shared/domain';
import { createOrganisationInput, createPersonInput, limits, updateOrganisationInput, updatePersonInput } from '../../../shared/schemas';
import type { Organisation, Person } from '../../../shared/views';
import { Field, SelectField } from '../components/Field';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { inputForm, orNull } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { LoadState, Outcome, WorkSection } from './shared';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';
import { LongText } from '../components/FormFields';

/**
 * The offline directory: partner organisations (police, OM, youth work, schools, platforms, veiligheidsregio,
 * the municipality's own staff) and the people in them, with how to reach them. Not tied to a case.
 */
export function Directory({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const organisationList = useApiQuery(queryKeys.catalogue('organisations'), () => api['directory.organisations']());
  const peopleList = useApiQuery(queryKeys.catalogue('people'), () => api['directory.people']());
  const [editing, setEditing] = useState<string | null>(null);
  const outcome = useOutcome();
  const data = organisationList.data && peopleList.data;
  const organisations = organisationList.data?.organisations ?? [];
  const people = peopleList.data?.people ?? [];
  const organisationName = (id: string | null) => organisations.find((item) => item.id === id)?.name ?? '';

  const done = (text: string) => {
    setEditing(null);
    outcome.succeeded(text);
  };

  return (
    <WorkSection id="work-directory" title={t('work.directory.title')} onWriteFailed={outcome.clearMessage}>
      <p className="hint">{t('work.directory.intro')}</p>
      {!data && <LoadState error={organisationList.error ?? peopleList.error} loading />}
      <Outcome message={outcome.message} error={outcome.error} />

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
                {person.phone && <p className="work-phone">{t('work.team.phone', { phone: person.phone })}</p>}
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

const organisationFields = { name: z.string(), kind: z.enum(organisationKinds), contact: z.string(), notes: z.string() };

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
  const id = `work-org-${organisation?.id ?? 'new'}`;
  const schema = useMemo(
    () =>
      organisation
        ? inputForm(organisationFields, (values) => ({ organisationId: organisation.id, ...values }), updateOrganisationInput)
        : inputForm(organisationFields, (values) => values, createOrganisationInput),
    [organisation],
  );
  const form = useForm({
    resolver: formResolver(schema),
    defaultValues: { name: organisation?.name ?? '', kind: organisation?.kind ?? 'politie', contact: organisation?.contact ?? '', notes: organisation?.notes ?? '' },
  });
  const create = useFormWrite(form, 'directory.createOrganisation');
  const update = useFormWrite(form, 'directory.updateOrganisation');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = organisation ? await update(input as z.output<typeof updateOrganisationInput>) : await create(input as z.output<typeof createOrganisationInput>);
    if (!result.ok) return outcome.failed(result.error);
    outcome.clear();
    if (!organisation) form.reset();
    onSaved(result.value.name);
  });

  const title = organisation ? t('work.directory.editOrganisation', { name: organisation.name }) : t('work.directory.addOrganisation');
  return (
    <form className="work-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <Field id={`${id}-name`} type="text" label={t('work.directory.organisationName')} error={errors.name?.message} maxLength={limits.name} {...form.register('name')} />
      <SelectField id={`${id}-kind`} label={t('work.directory.kind')} {...form.register('kind')}>
        {organisationKinds.map((value) => (
          <option key={value} value={value}>
            {t(`work.organisationKinds.${value}`)}
          </option>
        ))}
      </SelectField>
      <LongText
        control={form.control}
        name="contact"
        id={`${id}-contact`}
        label={t('work.directory.contact')}
        hint={t('work.directory.contactHint')}
        rows={2} maxLength={limits.notes}
      />
      <LongText control={form.control} name="notes" id={`${id}-notes`} label={t('work.directory.notes')} rows={2} maxLength={limits.notes} />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {organisation ? t('work.save') : t('work.directory.addOrganisation')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('work.cancel')}
          </button>
        )}
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}

const personFields = {
  name: z.string(),
  function: z.string(),
  organisationId: z.string(),
  phone: z.string(),
  contact: z.string(),
  notes: z.string(),
};

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
  const id = `work-person-${person?.id ?? 'new'}`;
  const schema = useMemo(
    () =>
      person
        ? inputForm(personFields, (values) => ({ personId: person.id, ...values, organisationId: orNull(values.organisationId) }), updatePersonInput)
        : inputForm(personFields, (values) => ({ ...values, organisationId: orNull(values.organisationId) }), createPersonInput),
    [person],
  );
  const form = useForm({
    resolver: formResolver(schema),
    defaultValues: {
      name: person?.name ?? '',
      function: person?.function ?? '',
      organisationId: person?.organisationId ?? '',
      phone: person?.phone ?? '',
      contact: person?.contact ?? '',
      notes: person?.notes ?? '',
    },
  });
  const create = useFormWrite(form, 'directory.createPerson');
  const update = useFormWrite(form, 'directory.updatePerson');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    const result = person ? await update(input as z.output<typeof updatePersonInput>) : await create(input as z.output<typeof createPersonInput>);
    if (!result.ok) return outcome.failed(result.error);
    outcome.clear();
    if (!person) form.reset();
    onSaved(result.value.name);
  });

  const title = person ? t('work.directory.editPerson', { name: person.name }) : t('work.directory.addPerson');
  return (
    <form className="work-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <Field id={`${id}-name`} type="text" label={t('work.directory.personName')} error={errors.name?.message} maxLength={limits.name} {...form.register('name')} />
      <Field id={`${id}-function`} type="text" label={t('work.directory.function')} error={errors.function?.message} maxLength={limits.name} {...form.register('function')} />
      <SelectField id={`${id}-organisation`} label={t('work.directory.organisation')} {...form.register('organisationId')}>
        <option value="">{t('work.directory.noOrganisation')}</option>
        {organisations.map((item) => (
          <option key={item.id} value={item.id}>
            {showHidden(item.name)}
          </option>
        ))}
      </SelectField>
      <Field
        id={`${id}-phone`}
        type="tel"
        autoComplete="off"
        label={t('work.directory.phone')}
        hint={t('work.directory.phoneHint')}
        error={errors.phone?.message}
        maxLength={limits.phone}
        {...form.register('phone')}
      />
      <LongText
        control={form.control}
        name="contact"
        id={`${id}-contact`}
        label={t('work.directory.contact')}
        hint={t('work.directory.contactHint')}
        rows={2} maxLength={limits.notes}
      />
      <LongText control={form.control} name="notes" id={`${id}-notes`} label={t('work.directory.notes')} rows={2} maxLength={limits.notes} />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {person ? t('work.save') : t('work.directory.addPerson')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('work.cancel')}
          </button>
        )}
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(form.formState.errors)} />
    </form>
  );
}
