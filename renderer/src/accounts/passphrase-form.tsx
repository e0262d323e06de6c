import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ruleWords } from '../../../shared/validation-messages';
import { passphraseStrength } from '../passphrase-strength';

/**
 * Inside a form schema's transform: a new passphrase typed a second time must be the same, else an issue on the
 * repeat field. The main process never sees the repeat; it is a check of the typing, not a rule of the vault.
 */
export function sameAgain(repeat: string, passphrase: string, context: z.RefinementCtx, path: string): void {
  if (repeat === passphrase) return;
  context.addIssue({ code: 'custom', path: [path], ...ruleWords('is niet gelijk aan de nieuwe wachtwoordzin', 'is not the same as the new passphrase') });
}

/** How strong the new passphrase is, read out as it changes (the same measure as the first-run screen). */
export function PassphraseStrength({ value }: { value: string }) {
  const { t } = useTranslation();
  const strength = passphraseStrength(value);
  return (
    <p className={`strength strength-${strength}`} aria-live="polite">
      {t('strength.label', { level: t(`strength.${strength}`) })}
    </p>
  );
}
