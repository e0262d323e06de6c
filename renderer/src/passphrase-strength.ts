import { passphraseMinLength } from '../../shared/contract';

export type Strength = 'tooShort' | 'weak' | 'fair' | 'strong';

/**
 * A hint, not a rule: the contract enforces only the minimum length. Rewards length, words and variety;
 * penalises a few repeated characters.
 */
export function passphraseStrength(passphrase: string): Strength {
  if ([...passphrase].length < passphraseMinLength) return 'tooShort';
  if (new Set(passphrase).size < 6) return 'weak';
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(passphrase)).length;
  const words = passphrase.split(/[\s\p{P}]+/u).filter((word) => word.length >= 3).length;
  let score = 0;
  if (passphrase.length >= 16) score += 1;
  if (passphrase.length >= 24) score += 1;
  if (classes >= 3) score += 1;
  if (words >= 4) score += 1;
  if (score >= 3) return 'strong';
  return score >= 1 ? 'fair' : 'weak';
}
