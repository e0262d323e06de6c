import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { invitationSchema, setOrganisationInput, type Invitation, type PeerSummary } from '../../../shared/sharing';
import { useCaseWork } from '../cases/context';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { UserText } from '../components/UserText';
import { useApi } from '../data/api';
import { formProblems, formResolver } from '../data/forms';
import { queryKeys, useApiQuery } from '../data/queries';
import { useFormWrite, useOutcome, useWrite } from '../data/writes';
import { LoadState, Outcome, useDates } from '../work/shared';
import { offerInvitation } from './files';

/** The largest invitation file read at all: the contract takes 10,000 characters. */
const invitationMaxBytes = 10_000;

/**
 * "Partners": the user's own invitation (its code to read out, the file to hand over, the organisation it names),
 * adding a partner's invitation after comparing codes, and accepting a sender first met through a bundle. The
 * shell gives the screen its heading.
 */
export function Partners() {
  const { t } = useTranslation();
  const { canWrite } = useCaseWork();
  return (
    <div className="sharing-partners-screen">
      <p className="hint">{t('sharing.partners.intro')}</p>
      <MyInvitation canWrite={canWrite} />
      {canWrite && <AddInvitation />}
      <PartnerList canWrite={canWrite} />
    </div>
  );
}

function MyInvitation({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const invitation = useApiQuery(queryKeys.catalogue('invitation'), () => api['sharing.invitation']());
  const [downloaded, setDownloaded] = useState('');
  const value = invitation.data;
  return (
    <section className="sharing-block sharing-invitation" aria-labelledby="sharing-mine-title">
      <h2 id="sharing-mine-title">{t('sharing.partners.mine.title')}</h2>
      <p className="hint">{t('sharing.partners.mine.intro')}</p>
      {value ? (
        <>
          <dl className="work-facts">
            <div>
              <dt>{t('sharing.partners.mine.name')}</dt>
              <dd>
                <UserText text={value.name} /> (<UserText text={value.organisation} />)
              </dd>
            </div>
            <div>
              <dt>{t('sharing.partners.mine.code')}</dt>
              <dd>
                <InvitationCode code={value.code} />
              </dd>
            </div>
          </dl>
          <div className="work-actions">
            <button type="button" onClick={() => setDownloaded(offerInvitation(value))}>
              {t('sharing.partners.mine.download')}
            </button>
          </div>
          <p role="status" className="work-saved">
            {downloaded && t('sharing.partners.mine.downloaded', { fileName: downloaded })}
          </p>
          {canWrite && <OrganisationForm organisation={value.organisation} />}
        </>
      ) : (
        <LoadState error={invitation.error} loading />
      )}
    </section>
  );
}

/** The code in its four groups, large, and read out group by group by a screen reader. */
function InvitationCode({ code }: { code: string }) {
  return (
    <code className="sharing-code" data-code={code}>
      {code}
    </code>
  );
}

function OrganisationForm({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: formResolver(setOrganisationInput), defaultValues: { organisation } });
  const save = useFormWrite(form, 'sharing.setOrganisation');
  const outcome = useOutcome();
  const { reset } = form;
  useEffect(() => reset({ organisation }), [organisation, reset]);
  const submit = form.handleSubmit(async (input) => {
    const result = await save(input);
    if (!result.ok) return outcome.failed(result.error);
    outcome.succeeded(t('sharing.partners.mine.organisationSaved', { organisation: result.value.organisation }));
  });
  return (
    <form className="sharing-organisation" noValidate onSubmit={(event) => void submit(event)}>
      <Field
        id="sharing-organisation"
        label={t('sharing.partners.mine.organisation')}
        hint={t('sharing.partners.mine.organisationHint')}
        error={form.formState.errors.organisation?.message}
        maxLength={200}
        {...form.register('organisation')}
      />
      <Outcome message={outcome.message} error={outcome.error} problems={formProblems(form.formState.errors)} />
      <button type="submit">{t('sharing.partners.mine.saveOrganisation')}</button>
    </form>
  );
}

function AddInvitation() {
  const { t } = useTranslation();
  const addPeer = useWrite('sharing.addPeer');
  const outcome = useOutcome();
  const [chosen, setChosen] = useState<{ text: string; invitation: Invitation } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function read(file: File): Promise<void> {
    outcome.clear();
    setChosen(null);
    setConfirmed(false);
    addPeer.changed();
    const text = file.size <= invitationMaxBytes ? await file.text() : '';
    const parsed = invitationSchema.safeParse(parseJson(text));
    if (!parsed.success) return outcome.failed(t('sharing.partners.add.unreadable'));
    setChosen({ text, invitation: parsed.data });
  }

  async function add(): Promise<void> {
    if (!chosen) return;
    setBusy(true);
    const result = await addPeer({ invitation: chosen.text });
    setBusy(false);
    if (!result.ok) return outcome.failed(result.error);
    setChosen(null);
    setConfirmed(false);
    outcome.succeeded(t('sharing.partners.add.done', { name: result.value.name, organisation: result.value.organisation }));
  }

  return (
    <section className="sharing-block sharing-add" aria-labelledby="sharing-add-title">
      <h2 id="sharing-add-title">{t('sharing.partners.add.title')}</h2>
      <p id="sharing-add-hint" className="hint">
        {t('sharing.partners.add.intro')}
      </p>
      <Field
        id="sharing-add-file"
        type="file"
        accept=".ordelog-uitnodiging,application/json"
        label={t('sharing.partners.add.file')}
        aria-describedby="sharing-add-hint"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
      {chosen && (
        <div className="sharing-check" role="group" aria-labelledby="sharing-add-from">
          <p id="sharing-add-from">
            {t('sharing.partners.add.from', { name: chosen.invitation.name, organisation: chosen.invitation.organisation })}
          </p>
          <InvitationCode code={chosen.invitation.code} />
          <p id="sharing-add-check" className="hint">
            {t('sharing.partners.add.check')}
          </p>
          <div className="checkbox">
            <input id="sharing-add-confirm" type="checkbox" aria-describedby="sharing-add-check" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
            <label htmlFor="sharing-add-confirm">{t('sharing.partners.add.confirm')}</label>
          </div>
          <div className="work-actions">
            <button type="button" className="primary" disabled={!confirmed || busy} onClick={() => void add()}>
              {t('sharing.partners.add.button')}
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              {t('sharing.partners.add.cancel')}
            </button>
          </div>
        </div>
      )}
      <Outcome message={outcome.message} error={outcome.error} />
    </section>
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function PartnerList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const dates = useDates();
  const peers = useApiQuery(queryKeys.catalogue('peers'), () => api['sharing.peers']());
  const accept = useWrite('sharing.acceptPeer');
  const outcome = useOutcome();
  const [confirming, setConfirming] = useState<PeerSummary | null>(null);

  async function acceptPeer(peer: PeerSummary): Promise<void> {
    const result = await accept({ peerId: peer.id }, peer.id);
    if (!result.ok) return outcome.failed(result.error);
    setConfirming(null);
    outcome.succeeded(t('sharing.partners.list.acceptedDone', { name: result.value.name, organisation: result.value.organisation }));
  }

  const status = (peer: PeerSummary): string => {
    if (!peer.accepted) return t('sharing.partners.list.pending');
    const accepted = `${t('sharing.partners.list.accepted')}${peer.acceptedAt ? ` (${dates.format(peer.acceptedAt)})` : ''}`;
    return peer.canReceive ? accepted : `${accepted}; ${t('sharing.partners.list.noReceive')}`;
  };

  return (
    <section className="sharing-block sharing-partners" aria-labelledby="sharing-list-title">
      <h2 id="sharing-list-title">{t('sharing.partners.list.title')}</h2>
      {peers.data ? (
        <DataTable
          className="work-table"
          caption={t('sharing.partners.list.title')}
          empty={t('sharing.partners.list.none')}
          columns={[
            t('sharing.partners.list.name'),
            t('sharing.partners.list.organisation'),
            t('sharing.partners.list.code'),
            t('sharing.partners.list.status'),
            canWrite && { label: <span className="visually-hidden">{t('sharing.partners.list.accept')}</span> },
          ]}
          rows={peers.data.peers}
        >
          {(peer) => (
            <tr key={peer.id} data-peer-id={peer.id}>
              <th scope="row">
                <UserText text={peer.name} />
              </th>
              <td>
                <UserText text={peer.organisation} />
              </td>
              <td>
                <code data-code={peer.code}>{peer.code}</code>
              </td>
              <td>{status(peer)}</td>
              {canWrite && (
                <td>
                  {!peer.accepted && (
                    <button type="button" aria-label={t('sharing.partners.list.acceptNamed', { name: peer.name })} onClick={() => setConfirming(peer)}>
                      {t('sharing.partners.list.accept')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          )}
        </DataTable>
      ) : (
        <LoadState error={peers.error} loading />
      )}
      {confirming && (
        <div className="sharing-check" role="group" aria-labelledby="sharing-accept-check">
          <p id="sharing-accept-check">{t('sharing.partners.list.confirmAccept', { name: confirming.name, code: confirming.code })}</p>
          <InvitationCode code={confirming.code} />
          <p className="hint">{t('sharing.partners.list.orInvitation')}</p>
          <div className="work-actions">
            <button type="button" className="primary" onClick={() => void acceptPeer(confirming)}>
              {t('sharing.partners.list.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('sharing.partners.list.cancel')}
            </button>
          </div>
        </div>
      )}
      <Outcome message={outcome.message} error={outcome.error} />
    </section>
  );
}
