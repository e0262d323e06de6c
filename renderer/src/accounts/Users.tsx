import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { userRoles, type UserRole } from '../../../shared/domain';
import type { Failure } from '../../../shared/result';
import { addUserInput, passphraseMinLength, resetPassphraseInput, setUserRoleInput, type UserSummary } from '../../../shared/users';
import { useCaseWork, useDates } from '../cases/context';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { UserText } from '../components/UserText';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome, useWrite } from '../data/writes';
import { useSessionControls } from '../session-controls';
import { LoadState, Outcome } from '../work/shared';
import { PassphraseStrength, sameAgain } from './passphrase-form';

type Action = 'role' | 'reset' | 'remove';

interface Reported {
  succeeded(message: string): void;
}

/**
 * The vault's accounts, for a beheerder: add one, change what an account may do, set a new passphrase with the
 * recovery key, remove one (the vault then gets a new key). The main process decides; this screen only asks.
 */
export function Users() {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const { user: self } = useCaseWork();
  const userList = useApiQuery(queryKeys.catalogue('users'), () => api['users.list']());
  const outcome = useOutcome();
  const [open, setOpen] = useState<{ userId: string; action: Action } | null>(null);

  if (!userList.data) {
    return (
      <section className="work-section" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts.active')}</h2>
        <LoadState error={userList.error} loading />
      </section>
    );
  }
  const active = userList.data.users.filter((user) => user.removedAt === null);
  const removed = userList.data.users.filter((user) => user.removedAt !== null);
  const done: Reported = {
    succeeded(message) {
      setOpen(null);
      outcome.succeeded(message);
    },
  };

  return (
    <>
      <section className="work-section" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts.active')}</h2>
        <p className="hint">{t('accounts.intro')}</p>
        <Outcome message={outcome.message} error={outcome.error} />
        <ul className="work-cards">
          {active.map((user) => {
            const name = user.displayName;
            const isSelf = user.id === self.id;
            const toggle = (action: Action) => ({
              'aria-expanded': open?.userId === user.id && open.action === action,
              onClick: () => setOpen(open?.userId === user.id && open.action === action ? null : { userId: user.id, action }),
            });
            return (
              <li key={user.id} className="work-card">
                <p className="work-card-title">
                  <UserText text={name} /> ({user.name})
                  {isSelf && <span className="hint"> · {t('accounts.you')}</span>}
                </p>
                <p>{t('accounts.since', { role: t(`roles.${user.role}`), date: dates(user.createdAt, 'dateTime') })}</p>
                {!user.hasKeySlot && <p className="notice">{t('accounts.noSlot')}</p>}
                <div className="work-actions">
                  <button type="button" {...toggle('role')}>
                    {t('accounts.role.open')}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                  <button type="button" {...toggle('reset')}>
                    {t('accounts.reset.open')}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                  {!isSelf && (
                    <button type="button" className="danger" {...toggle('remove')}>
                      {t('accounts.remove.open')}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                  )}
                </div>
                {open?.userId === user.id && open.action === 'role' && (
                  <RoleForm user={user} isSelf={isSelf} onCancel={() => setOpen(null)} report={done} />
                )}
                {open?.userId === user.id && open.action === 'reset' && <ResetForm user={user} onCancel={() => setOpen(null)} report={done} />}
                {open?.userId === user.id && open.action === 'remove' && <RemoveConfirm user={user} onCancel={() => setOpen(null)} report={done} />}
              </li>
            );
          })}
        </ul>
        {removed.length > 0 && (
          <>
            <h3>{t('accounts.removedTitle')}</h3>
            <DataTable
              caption={t('accounts.removedTitle')}
              columns={[t('accounts.columns.name'), t('accounts.columns.displayName'), t('accounts.columns.removedAt')]}
              rows={removed}
            >
              {(user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>
                    <UserText text={user.displayName} />
                  </td>
                  <td>{user.removedAt ? dates(user.removedAt) : ''}</td>
                </tr>
              )}
            </DataTable>
          </>
        )}
      </section>
      <AddUserForm report={outcome} />
    </>
  );
}

/** A refusal of the main process for the form's alert; the vault's words for a recovery key say what was wrong with it. */
function useAccountErrorText() {
  const { t } = useTranslation();
  return (error: Failure, action: 'reset' | 'other'): Failure | string => {
    if (action === 'reset' && error.code === 'WRONG_PASSPHRASE') return t('accounts.reset.wrongKey');
    if (action === 'reset' && error.code === 'INVALID_INPUT' && !error.fields?.length) return t('accounts.reset.typo');
    return error;
  };
}

function RoleOptions() {
  const { t } = useTranslation();
  return userRoles.map((role) => (
    <option key={role} value={role}>
      {t(`roles.${role}`)}
    </option>
  ));
}

function RoleForm({ user, isSelf, onCancel, report }: { user: UserSummary; isSelf: boolean; onCancel(): void; report: Reported }) {
  const { t } = useTranslation();
  const { statusChanged } = useSessionControls();
  const schema = useMemo(
    () => inputForm({ accountRole: z.enum(userRoles) }, ({ accountRole }) => ({ userId: user.id, accountRole }), setUserRoleInput),
    [user.id],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { accountRole: user.role } });
  const setRole = useFormWrite(form, 'users.setRole');
  const outcome = useOutcome();
  const errorText = useAccountErrorText();
  const { errors, isSubmitting } = form.formState;
  const id = `accounts-role-${user.id}`;
  const { setFocus } = form;
  useEffect(() => setFocus('accountRole'), [setFocus]);

  const submit = form.handleSubmit(async (input) => {
    const result = await setRole(input);
    if (!result.ok) return outcome.failed(errorText(result.error, 'other'));
    report.succeeded(t('accounts.role.done', { name: result.value.displayName, role: t(`roles.${result.value.role}`) }));
    // One's own account changed: what the app shows and offers follows it.
    if (isSelf) statusChanged();
  });

  const title = t('accounts.role.title', { name: user.displayName });
  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <SelectField id={`${id}-select`} label={t('accounts.role.label')} error={errors.accountRole?.message} {...form.register('accountRole')}>
        <RoleOptions />
      </SelectField>
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('accounts.role.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
      <Outcome message="" error={outcome.error} problems={formProblems(errors)} />
    </form>
  );
}

function ResetForm({ user, onCancel, report }: { user: UserSummary; onCancel(): void; report: Reported }) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      inputForm(
        { recoveryKey: z.string(), newPassphrase: z.string(), newPassphraseRepeat: z.string() },
        ({ recoveryKey, newPassphrase, newPassphraseRepeat }, context) => {
          sameAgain(newPassphraseRepeat, newPassphrase, context, 'newPassphraseRepeat');
          return { userId: user.id, recoveryKey, newPassphrase };
        },
        resetPassphraseInput,
      ),
    [user.id],
  );
  const form = useForm({ resolver: formResolver(schema), defaultValues: { recoveryKey: '', newPassphrase: '', newPassphraseRepeat: '' } });
  const reset = useFormWrite(form, 'users.resetPassphrase');
  const outcome = useOutcome();
  const errorText = useAccountErrorText();
  const { errors, isSubmitting } = form.formState;
  const newPassphrase = useWatch({ control: form.control, name: 'newPassphrase' });
  const id = `accounts-reset-${user.id}`;
  const { setFocus } = form;
  useEffect(() => setFocus('recoveryKey'), [setFocus]);

  const submit = form.handleSubmit(async (input) => {
    const result = await reset(input);
    // The secrets leave the page's state once sent, whatever the answer.
    form.reset();
    if (!result.ok) return outcome.failed(errorText(result.error, 'reset'));
    report.succeeded(t('accounts.reset.done', { name: result.value.displayName }));
  });

  const title = t('accounts.reset.title', { name: user.displayName });
  return (
    <form className="work-form work-inline-form" noValidate aria-label={title} onSubmit={(event) => void submit(event)}>
      <h4>{title}</h4>
      <p className="hint">{t('accounts.reset.intro')}</p>
      <Field
        id={`${id}-key`}
        label={t('accounts.reset.recoveryKey')}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        error={errors.recoveryKey?.message}
        readOnly={isSubmitting}
        {...form.register('recoveryKey')}
      />
      <Field
        id={`${id}-new`}
        type="password"
        label={t('accounts.reset.newPassphrase')}
        hint={t('create.passphraseHint', { min: passphraseMinLength })}
        autoComplete="new-password"
        error={errors.newPassphrase?.message}
        readOnly={isSubmitting}
        extra={<PassphraseStrength value={newPassphrase} />}
        {...form.register('newPassphrase')}
      />
      <Field
        id={`${id}-repeat`}
        type="password"
        label={t('accounts.reset.newPassphraseRepeat')}
        autoComplete="new-password"
        error={errors.newPassphraseRepeat?.message}
        readOnly={isSubmitting}
        {...form.register('newPassphraseRepeat')}
      />
      <div className="work-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('accounts.reset.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
      <p className="busy" role="status">
        {isSubmitting ? t('accounts.busy') : ''}
      </p>
      <Outcome message="" error={outcome.error} problems={formProblems(errors)} />
    </form>
  );
}

function RemoveConfirm({ user, onCancel, report }: { user: UserSummary; onCancel(): void; report: Reported }) {
  const { t } = useTranslation();
  const remove = useWrite('users.remove');
  const outcome = useOutcome();
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    setBusy(true);
    const result = await remove({ userId: user.id }, user.id);
    setBusy(false);
    if (!result.ok) return outcome.failed(result.error);
    report.succeeded(t('accounts.remove.done', { name: result.value.displayName }));
  }

  const title = t('accounts.remove.title', { name: user.displayName });
  return (
    <div className="work-warning work-confirm" role="group" aria-label={title}>
      <h4>{title}</h4>
      <p>{t('accounts.remove.warning', { name: user.displayName })}</p>
      <div className="work-actions">
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          {t('accounts.remove.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
      <p className="busy" role="status">
        {busy ? t('accounts.busy') : ''}
      </p>
      <Outcome message="" error={outcome.error} />
    </div>
  );
}

const addFields = {
  userName: z.string(),
  displayName: z.string(),
  accountRole: z.enum(userRoles),
  passphrase: z.string(),
  passphraseRepeat: z.string(),
};
const addUserForm = inputForm(
  addFields,
  ({ passphraseRepeat, ...input }, context) => {
    sameAgain(passphraseRepeat, input.passphrase, context, 'passphraseRepeat');
    return input;
  },
  addUserInput,
);
const emptyAdd = { userName: '', displayName: '', accountRole: 'redacteur' as UserRole, passphrase: '', passphraseRepeat: '' };

function AddUserForm({ report }: { report: Reported }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: formResolver(addUserForm), defaultValues: emptyAdd });
  const add = useFormWrite(form, 'users.add');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const passphrase = useWatch({ control: form.control, name: 'passphrase' });

  const submit = form.handleSubmit(async (input) => {
    const result = await add(input);
    // The passphrase leaves the page's state once sent, whatever the answer.
    form.setValue('passphrase', '');
    form.setValue('passphraseRepeat', '');
    if (!result.ok) return outcome.failed(result.error);
    outcome.clear();
    form.reset(emptyAdd);
    report.succeeded(t('accounts.add.done', { name: result.value.displayName, role: t(`roles.${result.value.role}`) }));
  });

  // Read-only rather than disabled while busy: a disabled field cannot take the focus back after an error.
  const field = (name: 'userName' | 'displayName' | 'passphrase' | 'passphraseRepeat') => ({
    id: `accounts-add-${name}`,
    error: errors[name]?.message,
    readOnly: isSubmitting,
    ...form.register(name),
  });

  return (
    <section className="work-section" aria-labelledby="accounts-add-title">
      <h2 id="accounts-add-title">{t('accounts.add.title')}</h2>
      <form className="work-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field {...field('userName')} label={t('accounts.add.userName')} hint={t('accounts.add.userNameHint')} autoComplete="off" spellCheck={false} autoCapitalize="off" />
        <Field {...field('displayName')} label={t('accounts.add.displayName')} autoComplete="off" />
        <SelectField id="accounts-add-accountRole" label={t('accounts.add.role')} error={errors.accountRole?.message} {...form.register('accountRole')}>
          <RoleOptions />
        </SelectField>
        <Field
          {...field('passphrase')}
          type="password"
          label={t('accounts.add.passphrase')}
          hint={t('accounts.add.passphraseHint', { min: passphraseMinLength })}
          autoComplete="new-password"
          extra={<PassphraseStrength value={passphrase} />}
        />
        <Field {...field('passphraseRepeat')} type="password" label={t('accounts.add.passphraseRepeat')} autoComplete="new-password" />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('accounts.add.submit')}
        </button>
        <p className="busy" role="status">
          {isSubmitting ? t('accounts.busy') : ''}
        </p>
        <Outcome message="" error={outcome.error} problems={formProblems(errors)} />
      </form>
    </section>
  );
}
