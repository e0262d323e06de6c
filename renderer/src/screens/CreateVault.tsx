import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passphraseMinLength, userNamePattern, type AppStatus } from '../../../shared/contract';
import { api, errorText } from '../api';
import { Field } from '../components/Field';
import { useFocusOnMount } from '../hooks';
import { passphraseStrength } from '../passphrase-strength';

type FieldName = 'userName' | 'displayName' | 'passphrase' | 'passphraseRepeat';

interface Props {
  onCreated(recoveryKey: string, status: AppStatus): void;
}

export function CreateVault({ onCreated }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [values, setValues] = useState<Record<FieldName, string>>({
    userName: '',
    displayName: '',
    passphrase: '',
    passphraseRepeat: '',
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const strength = passphraseStrength(values.passphrase);

  function validate(): Partial<Record<FieldName, string>> {
    const found: Partial<Record<FieldName, string>> = {};
    const userName = values.userName.trim().toLowerCase();
    if (!userName) found.userName = t('form.required');
    else if (!userNamePattern.test(userName)) found.userName = t('form.userNameFormat');
    if (!values.displayName.trim()) found.displayName = t('form.required');
    if ([...values.passphrase].length < passphraseMinLength) {
      found.passphrase = t('form.passphraseTooShort', { min: passphraseMinLength });
    }
    if (values.passphraseRepeat !== values.passphrase) found.passphraseRepeat = t('form.passphraseMismatch');
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setErrors(found);
    const firstInvalid = Object.keys(found)[0];
    if (firstInvalid) {
      setFormError(t('form.checkFields'));
      document.getElementById(`create-${firstInvalid}`)?.focus();
      return;
    }
    setFormError('');
    setBusy(true);
    const result = await api['vault.create']({
      userName: values.userName.trim().toLowerCase(),
      displayName: values.displayName.trim(),
      passphrase: values.passphrase,
    });
    setBusy(false);
    if (result.ok) {
      onCreated(result.value.recoveryKey, result.value.status);
      return;
    }
    setFormError(errorText(result.error));
  }

  const field = (name: FieldName) => ({
    id: `create-${name}`,
    name,
    value: values[name],
    error: errors[name],
    // Read-only rather than disabled while busy: a disabled field cannot take the focus back after an error.
    readOnly: busy,
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value }),
  });

  return (
    <main id="content" className="panel" tabIndex={-1}>
      <h1 ref={heading} tabIndex={-1}>
        {t('create.title')}
      </h1>
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
        <div role="alert" className="form-error">
          {formError}
        </div>
        <p className="busy" role="status">
          {busy ? t('create.busy') : ''}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {t('create.submit')}
        </button>
      </form>
    </main>
  );
}
