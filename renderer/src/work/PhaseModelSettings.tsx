import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Result } from '../../../shared/result';
import { limits } from '../../../shared/schemas';
import type { Phase } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { Field } from '../components/Field';
import { UserText } from '../components/UserText';
import { LoadState, Outcome, Select, TextArea, useLoad, useApi } from './shared';

/**
 * The phase model as a settings screen: a beheerder renames, describes, reorders and adds phases, and removes
 * one that no case, entry or intervention uses (the main process refuses otherwise). Others only read it.
 */
export function PhaseModelSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error, reload } = useLoad(() => api['phases.list'](), 'phase-model');
  const [message, setMessage] = useState('');
  const [writeError, setWriteError] = useState<Failure | null>(null);

  async function apply(write: Promise<Result<{ phases: Phase[] }>>, done: string): Promise<boolean> {
    setMessage('');
    const result = await write;
    if (!result.ok) {
      setWriteError(result.error);
      return false;
    }
    setWriteError(null);
    await reload();
    setMessage(done);
    return true;
  }

  const phases = data?.phases ?? [];
  return (
    <section className="work-section" aria-labelledby="work-phase-model-title">
      <h2 id="work-phase-model-title">{t('work.phaseModel.title')}</h2>
      <p className="hint">{canManage ? t('work.phaseModel.intro') : t('work.phaseModel.readOnly')}</p>
      {!data && <LoadState error={error} loading />}
      <Outcome message={message} error={writeError} />
      <ol className="work-phase-model">
        {phases.map((phase, index) => (
          <li key={`${phase.id}-${phase.name}-${phase.description}`}>
            {canManage ? (
              <PhaseEditor
                phase={phase}
                first={index === 0}
                last={index === phases.length - 1}
                onSave={(fields) => apply(api['phaseModel.update']({ phaseId: phase.id, ...fields }), t('work.phaseModel.saved', { name: fields.name }))}
                onMove={(offset) => {
                  const ids = phases.map((item) => item.id);
                  const [moved] = ids.splice(index, 1);
                  ids.splice(index + offset, 0, moved!);
                  void apply(api['phaseModel.reorder']({ phaseIds: ids }), t('work.phaseModel.moved', { name: phase.name, position: index + offset + 1 }));
                }}
                onRemove={() => void apply(api['phaseModel.remove']({ phaseId: phase.id }), t('work.phaseModel.removed', { name: phase.name }))}
              />
            ) : (
              <>
                <p className="work-phase-model-name">
                  {phase.ordinal}. <UserText text={phase.name} />
                </p>
                <p className="hint">
                  <UserText text={phase.description} />
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      {canManage && data && (
        <AddPhaseForm phases={phases} onAdd={(input, name) => apply(api['phaseModel.create'](input), t('work.phaseModel.added', { name }))} />
      )}
    </section>
  );
}

function PhaseEditor({
  phase,
  first,
  last,
  onSave,
  onMove,
  onRemove,
}: {
  phase: Phase;
  first: boolean;
  last: boolean;
  onSave(fields: { name: string; description: string }): Promise<boolean>;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(phase.name);
  const [description, setDescription] = useState(phase.description);
  const id = `work-phase-model-${phase.id}`;
  const [nameError, setNameError] = useState('');

  function save(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('form.required'));
      return;
    }
    setNameError('');
    void onSave({ name, description });
  }

  return (
    <form className="work-phase-editor" noValidate onSubmit={save} aria-label={t('work.phaseModel.phaseLabel', { ordinal: phase.ordinal, name: phase.name })}>
      <p className="work-phase-model-name" aria-hidden="true">
        {phase.ordinal}. <UserText text={phase.name} />
      </p>
      <Field
        id={`${id}-name`}
        type="text"
        label={t('work.phaseModel.name')}
        maxLength={limits.name}
        value={name}
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      <TextArea id={`${id}-description`} label={t('work.phaseModel.description')} maxLength={limits.notes} value={description} onChange={setDescription} rows={2} />
      <div className="work-actions">
        <button type="submit" className="primary">
          {t('work.phaseModel.save')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" disabled={first} onClick={() => onMove(-1)}>
          {t('work.phaseModel.up')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" disabled={last} onClick={() => onMove(1)}>
          {t('work.phaseModel.down')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('work.phaseModel.remove')}
          <span className="visually-hidden"> {showHidden(phase.name)}</span>
        </button>
      </div>
    </form>
  );
}

function AddPhaseForm({
  phases,
  onAdd,
}: {
  phases: Phase[];
  onAdd(input: { name: string; description: string; position?: number }, name: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [position, setPosition] = useState('');
  const [nameError, setNameError] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('form.required'));
      return;
    }
    setNameError('');
    const added = await onAdd({ name, description, ...(position ? { position: Number(position) } : {}) }, name.trim());
    if (added) {
      setName('');
      setDescription('');
      setPosition('');
    }
  }

  return (
    <form className="work-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="work-phase-add-title">
      <h3 id="work-phase-add-title">{t('work.phaseModel.addTitle')}</h3>
      <Field
        id="work-phase-add-name"
        type="text"
        label={t('work.phaseModel.name')}
        maxLength={limits.name}
        value={name}
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      <TextArea
        id="work-phase-add-description"
        label={t('work.phaseModel.description')}
        maxLength={limits.notes}
        value={description}
        onChange={setDescription}
        rows={2}
      />
      <Select
        id="work-phase-add-position"
        label={t('work.phaseModel.position')}
        value={position}
        options={[['', t('work.phaseModel.atEnd')], ...phases.map((phase, index) => [String(index + 1), t('work.phaseModel.before', { name: phase.name })] as const)]}
        onChange={setPosition}
      />
      <button type="submit" className="primary">
        {t('work.phaseModel.add')}
      </button>
    </form>
  );
}
