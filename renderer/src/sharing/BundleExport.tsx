import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ExportRecord } from '../../../shared/briefing';
import type { RequestId } from '../../../shared/contract';
import { bundleRecipientInput } from '../../../shared/sharing';
import { ruleWords } from '../../../shared/validation-messages';
import { offerDownload } from '../briefing/download';
import { ExportedNotice } from '../briefing/ExportedNotice';
import { useRecordName } from '../briefing/names';
import { Field } from '../components/Field';
import { JobProgress } from '../components/JobProgress';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { inputForm } from '../data/input-form';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome } from '../data/writes';
import { Outcome, Select } from '../work/shared';
import { PartnersLink } from './PartnersLink';

/** The recipient as the form holds it; the shared `bundleRecipientInput` is the rule. */
const recipientForm = inputForm(
  {
    kind: z.enum(['partner', 'wachtwoord']),
    peerId: z.string(),
    passphrase: z.string(),
    passphraseRepeat: z.string(),
  },
  (values, context) => {
    if (values.kind === 'partner') return { kind: 'partner' as const, peerId: values.peerId };
    if (values.passphrase !== values.passphraseRepeat) {
      context.addIssue({ code: 'custom', path: ['passphraseRepeat'], ...ruleWords('moet gelijk zijn aan het wachtwoord', 'must equal the passphrase') });
    }
    return { kind: 'wachtwoord' as const, passphrase: values.passphrase };
  },
  bundleRecipientInput,
);
type RecipientValues = z.input<typeof recipientForm>;

/**
 * "Pakket maken": the case's shared log sealed to an accepted partner, or to a one-time passphrase passed on by
 * another route. The file is offered for download as the other exports are, and recorded in the register.
 */
export function BundleExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useRecordName();
  const peers = useApiQuery(queryKeys.catalogue('peers'), () => api['sharing.peers']());
  const receivers = useMemo(() => (peers.data?.peers ?? []).filter((peer) => peer.accepted && peer.canReceive), [peers.data]);
  const form = useForm<RecipientValues, unknown, z.output<typeof recipientForm>>({
    resolver: formResolver(recipientForm),
    defaultValues: { kind: 'partner', peerId: '', passphrase: '', passphraseRepeat: '' },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const peerId = useWatch({ control: form.control, name: 'peerId' });
  const exportBundle = useFormWrite(form, 'sharing.exportBundle');
  const outcome = useOutcome();
  const [job, setJob] = useState<RequestId | null>(null);
  const [exported, setExported] = useState<{ record: ExportRecord; fileName: string } | null>(null);
  const errors = form.formState.errors;
  // The first partner that can receive is chosen until the user picks another.
  const chosenPeer = peerId || receivers[0]?.id || '';

  const submit = form.handleSubmit(async (recipient) => {
    outcome.clear();
    setExported(null);
    const result = await exportBundle({ caseId, recipient }, undefined, setJob);
    setJob(null);
    if (!result.ok) return outcome.failed(result.error);
    const offered = await offerDownload(api, result.value);
    if (!offered.ok) return outcome.failed(offered.error);
    form.reset({ kind: recipient.kind, peerId: chosenPeer, passphrase: '', passphraseRepeat: '' });
    setExported({ record: result.value.record, fileName: result.value.fileName });
    outcome.succeeded(t('sharing.export.done', { name: name(result.value.record), fileName: result.value.fileName }));
  });

  return (
    <section className="sharing-block sharing-export" aria-labelledby="sharing-export-title">
      <h3 id="sharing-export-title">{t('sharing.export.title')}</h3>
      <p className="hint">{t('sharing.export.intro')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          // Before the resolver reads the values: the partner shown as chosen is the one sent.
          if (kind === 'partner' && !peerId) form.setValue('peerId', chosenPeer);
          void submit(event);
        }}
      >
        <fieldset>
          <legend>{t('sharing.export.recipient')}</legend>
          <div className="radio">
            <input id="sharing-export-partner" type="radio" value="partner" {...form.register('kind')} />
            <label htmlFor="sharing-export-partner">{t('sharing.export.partner')}</label>
          </div>
          <div className="radio">
            <input id="sharing-export-passphrase" type="radio" value="wachtwoord" {...form.register('kind')} />
            <label htmlFor="sharing-export-passphrase">{t('sharing.export.passphrase')}</label>
          </div>
        </fieldset>
        {kind === 'partner' &&
          (receivers.length === 0 ? (
            <p className="notice">
              {t('sharing.export.noPartners')} <PartnersLink />
            </p>
          ) : (
            <Select
              id="sharing-export-peer"
              label={t('sharing.export.partnerChoice')}
              value={chosenPeer}
              options={receivers.map((peer) => [peer.id, `${peer.name} (${peer.organisation})`] as const)}
              onChange={(value) => form.setValue('peerId', value, { shouldDirty: true })}
            />
          ))}
        {kind === 'wachtwoord' && (
          <>
            <p id="sharing-export-passphrase-hint" className="hint">
              {t('sharing.export.passphraseHint')}
            </p>
            <Field
              id="sharing-export-passphrase-1"
              type="password"
              autoComplete="new-password"
              label={t('sharing.export.passphraseLabel')}
              aria-describedby="sharing-export-passphrase-hint"
              error={errors.passphrase?.message}
              {...form.register('passphrase')}
            />
            <Field
              id="sharing-export-passphrase-2"
              type="password"
              autoComplete="new-password"
              label={t('sharing.export.passphraseAgain')}
              error={errors.passphraseRepeat?.message}
              {...form.register('passphraseRepeat')}
            />
          </>
        )}
        <Outcome message={outcome.message} error={outcome.error} problems={formProblems(errors)} />
        <div className="work-actions">
          <button type="submit" className="primary" disabled={job !== null || (kind === 'partner' && receivers.length === 0)}>
            {t('sharing.export.button')}
          </button>
        </div>
        {job && <JobProgress key={job} requestId={job} title={t('sharing.export.job')} />}
      </form>
      {exported && <ExportedNotice record={exported.record} fileName={exported.fileName} />}
    </section>
  );
}
