import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { contract, passphraseMinLength, type AppStatus } from '../../../shared/contract';
import { ruleWords } from '../../../shared/validation-messages';
import { api } from '../api';
import { FormAlert } from '../components/FormAlert';
import { Field } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { useOutcome } from '../data/writes';
import { passphraseStrength } from '../passphrase-strength';

interface Props {
  onCreated(recoveryKey: string, status: AppStatus): void;
}

/** The contract's rules for a new vault, and the passphrase typed a second time. */
const createVaultForm = contract['vault.create'].input.extend({ passphraseRepeat: z.string() }).refine(
  (values) => values.passphraseRepeat === values.passphrase,
  { path: ['passphraseRepeat'], ...ruleWords('is niet gelijk aan de wachtwoordzin', 'is not the same as the passphrase') },
);

export function CreateVault({ onCreated }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    resolver: formResolver(createVaultForm),
    defaultValues: { userName: '', displayName: '', passphrase: '', passphraseRepeat: '' },
  });
  const { setFocus } = form;
  useEffect(() => setFocus('userName'), [setFocus]);
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const strength = passphraseStrength(useWatch({ control: form.control, name: 'passphrase' }));

  const submit = form.handleSubmit(async ({ userName, displayName, passphrase }) => {
    outcome.clear();
    const result = await api['vault.create']({ userName, displayName, passphrase });
    if (result.ok) onCreated(result.value.recoveryKey, result.value.status);
    else outcome.failed(result.error);
  });

  // Read-only rather than disabled while busy: a disabled field cannot take the focus back after an error.
  const field = (name: 'userName' | 'displayName' | 'passphrase' | 'passphraseRepeat') => ({
    id: `create-${name}`,
    error: errors[name]?.message,
    readOnly: isSubmitting,
    ...form.register(name),
  });

  return (
    <main id="content" className="panel" tabIndex={-1}>
      <h1>{t('create.title')}</h1>
      <p>{t('create.intro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field {...field('userName')} label={t('create.userName')} hint={t('create.userNameHint')} autoComplete="username" spellCheck={false} autoCapitalize="off" />
        <Field {...field('displayName')} label={t('create.displayName')} autoComplete="name" />
        <Field
          {...field('passphrase')}
          type="password"
          label={t('create.passphrase')}
          hint={t('create.passphraseHint', { min: passphraseMinLength })}
          autoComplete="new-password"
          extra={
            <p className={`strength strength-${strength}`} aria-live="polite">
              {t('strength.label', { level: t(`strength.${strength}`) })}
            </p>
          }
        />
        <Field {...field('passphraseRepeat')} type="password" label={t('create.passphraseRepeat')} autoComplete="new-password" />
        <FormAlert problems={formProblems(errors)} error={outcome.error} />
        <p className="busy" role="status">
          {isSubmitting ? t('create.busy') : ''}
        </p>
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('create.submit')}
        </button>
      </form>
    </main>
  );
}
