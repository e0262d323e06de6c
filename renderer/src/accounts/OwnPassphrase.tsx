import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { changeOwnPassphraseInput, passphraseMinLength } from '../../../shared/users';
import { useCaseWork } from '../cases/context';
import { Field } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { useFormWrite, useOutcome } from '../data/writes';
import { Outcome } from '../work/shared';
import { PassphraseStrength, sameAgain } from './passphrase-form';

const ownPassphraseForm = inputForm(
  { currentPassphrase: z.string(), newPassphrase: z.string(), newPassphraseRepeat: z.string() },
  ({ currentPassphrase, newPassphrase, newPassphraseRepeat }, context) => {
    sameAgain(newPassphraseRepeat, newPassphrase, context, 'newPassphraseRepeat');
    return { currentPassphrase, newPassphrase };
  },
  changeOwnPassphraseInput,
);
const empty = { currentPassphrase: '', newPassphrase: '', newPassphraseRepeat: '' };

/** Anyone changes their own passphrase: the current one proves it is them, the new one is typed twice. */
export function OwnPassphrase() {
  const { t } = useTranslation();
  const { user } = useCaseWork();
  const form = useForm({ resolver: formResolver(ownPassphraseForm), defaultValues: empty });
  const change = useFormWrite(form, 'users.changeOwnPassphrase');
  const outcome = useOutcome();
  const { errors, isSubmitting } = form.formState;
  const newPassphrase = useWatch({ control: form.control, name: 'newPassphrase' });

  const submit = form.handleSubmit(async (input) => {
    outcome.clear();
    const result = await change(input);
    // The passphrases leave the page's state once sent, whatever the answer.
    form.reset(empty);
    if (result.ok) return outcome.succeeded(t('accounts.own.done'));
    outcome.failed(result.error.code === 'WRONG_PASSPHRASE' ? t('accounts.own.wrong') : result.error);
    form.setFocus('currentPassphrase');
  });

  const field = (name: keyof typeof empty) => ({
    id: `own-${name}`,
    type: 'password',
    error: errors[name]?.message,
    readOnly: isSubmitting,
    ...form.register(name),
  });

  return (
    <section className="work-section" aria-label={t('accounts.own.title')}>
      <p className="hint">{t('accounts.own.intro', { name: user.name })}</p>
      <form className="work-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field {...field('currentPassphrase')} label={t('accounts.own.current')} autoComplete="current-password" />
        <Field
          {...field('newPassphrase')}
          label={t('accounts.own.newPassphrase')}
          hint={t('create.passphraseHint', { min: passphraseMinLength })}
          autoComplete="new-password"
          extra={<PassphraseStrength value={newPassphrase} />}
        />
        <Field {...field('newPassphraseRepeat')} label={t('accounts.own.newPassphraseRepeat')} autoComplete="new-password" />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('accounts.own.submit')}
        </button>
        <p className="busy" role="status">
          {isSubmitting ? t('accounts.busy') : ''}
        </p>
        <Outcome message={outcome.message} error={outcome.error} problems={formProblems(errors)} />
      </form>
    </section>
  );
}
