import { useTranslation } from 'react-i18next';
import { parseFingerprint, type ExportRecord, type ExportVerification } from '../../../shared/briefing';
import { errorText } from '../api';
import { groupedHash } from '../signals/evidence';
import { useDates } from '../work/shared';
import { useRecordName } from './names';
import type { VerificationState } from './useVerification';

/**
 * The outcome of a check in words: which export the file is (or that it is none), and whether the log still
 * holds the state the export was made from. A broken chain is an alert, not a footnote.
 */
export function VerificationMessage({ state, expected }: { state: VerificationState; expected?: ExportRecord }) {
  const { t } = useTranslation();
  const dates = useDates();
  const name = useRecordName();

  function verdict({ match, chainHoldsFingerprint }: ExportVerification): string {
    if (!match) return t('briefing.verify.noMatch');
    return [
      expected && expected.id !== match.id ? t('briefing.verify.otherRecord', { expected: name(expected) }) : '',
      t('briefing.verify.match', { name: name(match), at: dates.format(match.at), by: match.byName }),
      chainHoldsFingerprint === true ? t('briefing.verify.chainHolds') : chainHoldsFingerprint === null ? t('briefing.verify.chainUnknown') : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  const done = state.kind === 'done' ? state.verification : null;
  const outcome = !done ? 'none' : !done.match ? 'unknown' : done.chainHoldsFingerprint === false ? 'broken' : 'match';
  return (
    <div className="briefing-verification">
      <p role="status" className={`briefing-verdict briefing-verdict-${outcome}`}>
        {state.kind === 'busy' ? t('briefing.verify.busy', { file: state.fileName }) : done ? verdict(done) : ''}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="form-error">
          {errorText(state.error)}
        </p>
      )}
      {done?.match && done.chainHoldsFingerprint === false && (
        <p role="alert" className="work-warning">
          {t('briefing.verify.chainBroken', { entries: parseFingerprint(done.match.fingerprint)?.entries ?? '?' })}
        </p>
      )}
      {done && state.kind === 'done' && (
        <p className="work-meta briefing-hash-line">
          {t('briefing.verify.fileHash', { file: state.fileName })}: <code data-sha256={done.sha256}>{groupedHash(done.sha256)}</code>
        </p>
      )}
    </div>
  );
}
