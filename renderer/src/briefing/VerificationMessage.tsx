import { useTranslation } from 'react-i18next';
import type { ExportRecord, ExportVerification } from '../../../shared/briefing';
import { errorText } from '../api';
import { groupedHash } from '../signals/evidence';
import { useDates } from '../work/shared';
import { shortHash } from './draft';
import { useRecordName } from './names';
import type { VerificationState } from './useVerification';

/**
 * The outcome of a check in words: which export the file is (or that it is none), and whether the log still
 * holds the state the file itself states. Below it, each piece of evidence on its own line: the register, the
 * file's own fingerprint, the log as it is now, and for JSON the file's own hash chain. A log or register
 * changed after the export is an alert, not a footnote.
 */
export function VerificationMessage({ state, expected }: { state: VerificationState; expected?: ExportRecord }) {
  const { t } = useTranslation();
  const dates = useDates();
  const name = useRecordName();

  function verdict({ match, holds, chainHoldsFingerprint }: ExportVerification): string {
    if (!match) return t('briefing.verify.noMatch');
    return [
      expected && expected.id !== match.id ? t('briefing.verify.otherRecord', { expected: name(expected) }) : '',
      t('briefing.verify.match', { name: name(match), at: dates.format(match.at), by: match.byName }),
      holds ? t('briefing.verify.chainHolds') : chainHoldsFingerprint === null ? t('briefing.verify.chainUnknown') : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  function alerts(verification: ExportVerification, caseId: string): string[] {
    const { match, file } = verification;
    return [
      verification.chainHoldsFingerprint === false
        ? match
          ? t('briefing.verify.chainBroken', { entries: file.fingerprint?.entries ?? '?' })
          : t('briefing.verify.chainBrokenUnknownFile')
        : '',
      match && verification.registerAgrees === false ? t('briefing.verify.registerChanged') : '',
      file.entries && !file.entries.consistent ? t('briefing.verify.entriesBroken', { seq: file.entries.brokenAtSeq ?? '?' }) : '',
      file.conflicting ? t('briefing.verify.conflicting') : '',
      file.caseId !== null && file.caseId !== caseId ? t('briefing.verify.otherCase') : '',
    ].filter(Boolean);
  }

  function evidence({ match, file, chainHoldsFingerprint }: ExportVerification): string[] {
    const yesNoUnknown = (value: boolean | null) => t(`briefing.verify.evidence.${value === null ? 'unknown' : value ? 'yes' : 'no'}`);
    const lines = [
      t('briefing.verify.evidence.register', { answer: match ? name(match) : t('briefing.verify.evidence.notFound') }),
      t('briefing.verify.evidence.fingerprint', {
        answer: file.fingerprint
          ? t('briefing.register.fingerprintShort', { entries: file.fingerprint.entries, hash: shortHash(file.fingerprint.headHash) })
          : t('briefing.verify.evidence.notFound'),
      }),
      t('briefing.verify.evidence.chain', { answer: yesNoUnknown(chainHoldsFingerprint) }),
    ];
    if (file.entries) {
      const { consistent, brokenAtSeq, notRecomputed } = file.entries;
      lines.push(
        consistent
          ? t(notRecomputed > 0 ? 'briefing.verify.evidence.entriesRedacted' : 'briefing.verify.evidence.entries', { count: notRecomputed })
          : t('briefing.verify.evidence.entriesBroken', { seq: brokenAtSeq ?? '?' }),
      );
    }
    return lines;
  }

  const done = state.kind === 'done' ? state.verification : null;
  const outcome = !done ? 'none' : !done.match ? 'unknown' : done.holds ? 'match' : 'broken';
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
      {state.kind === 'done' && (
        <>
          {alerts(state.verification, state.caseId).map((text) => (
            <p key={text} role="alert" className="work-warning">
              {text}
            </p>
          ))}
          <ul className="briefing-evidence" aria-label={t('briefing.verify.evidence.title')}>
            {evidence(state.verification).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="work-meta briefing-hash-line">
            {t('briefing.verify.fileHash', { file: state.fileName })}: <code data-sha256={state.verification.sha256}>{groupedHash(state.verification.sha256)}</code>
          </p>
        </>
      )}
    </div>
  );
}
