import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Decision, Phase, PhaseTransition } from '../../../shared/views';
import { showHidden } from '../../../shared/visible-text';
import { useDates } from '../cases/context';

const width = 1000;
const barTop = 18;
const barHeight = 26;

/**
 * The case at a glance: its phases as bands over time (from `phases.transitions`) and decisions as markers.
 * A click on the strip moves the timeline to that moment; the "Ga naar" field does the same by keyboard.
 */
// Memoised: the timeline re-renders whenever a page arrives, and the strip depends on none of that.
export const PhaseStrip = memo(function PhaseStrip({
  caseDetail,
  phases,
  transitions,
  decisions,
  onPick,
}: {
  caseDetail: CaseDetail;
  phases: readonly Phase[];
  transitions: readonly PhaseTransition[];
  decisions: readonly Decision[];
  onPick(iso: string): void;
}) {
  const { t } = useTranslation();
  const date = useDates();
  const sorted = [...transitions].sort((a, b) => a.at.localeCompare(b.at));
  const first = sorted[0];
  if (!first) return null;
  const start = Date.parse(first.at);
  const endIso = caseDetail.closedAt ?? new Date().toISOString();
  const end = Math.max(Date.parse(endIso), start + 60_000, ...decisions.map((decision) => Date.parse(decision.decidedAt)));
  const x = (iso: string): number => ((Date.parse(iso) - start) / (end - start)) * width;
  const ordinal = (id: string): number => phases.find((phase) => phase.id === id)?.ordinal ?? 0;
  const name = (id: string): string => phases.find((phase) => phase.id === id)?.name ?? id;
  const bands = sorted.map((transition, index) => {
    const next = sorted[index + 1];
    return { transition, from: x(transition.at), to: next ? x(next.at) : width };
  });
  const summary = [
    t('strip.phases', {
      list: sorted.map((transition) => t('strip.phaseFrom', { phase: name(transition.toPhaseId), time: date(transition.at, 'short') })).join('; '),
    }),
    t('strip.decisions', { count: decisions.length }),
  ].join(' ');

  function pick(event: MouseEvent<SVGSVGElement>): void {
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    onPick(new Date(start + fraction * (end - start)).toISOString());
  }

  return (
    <figure className="phase-strip">
      <svg viewBox={`0 0 ${width} 64`} role="img" aria-labelledby="strip-title strip-desc" preserveAspectRatio="none" onClick={pick}>
        <title id="strip-title">{t('strip.title')}</title>
        <desc id="strip-desc">{summary}</desc>
        {bands.map(({ transition, from, to }) => (
          <rect
            key={transition.id}
            className={`band phase-fill-${ordinal(transition.toPhaseId)}`}
            x={from}
            y={barTop}
            width={Math.max(1, to - from)}
            height={barHeight}
          >
            <title>{`${showHidden(name(transition.toPhaseId))} — ${date(transition.at, 'short')}`}</title>
          </rect>
        ))}
        {decisions.map((decision) => {
          const at = x(decision.decidedAt);
          return (
            <g key={decision.id} className="decision-marker">
              <line x1={at} x2={at} y1={10} y2={barTop + barHeight + 4} />
              <polygon points={`${at - 6},2 ${at + 6},2 ${at},12`} />
              <title>{t('strip.decision', { number: decision.number, time: date(decision.decidedAt, 'short'), text: decision.text })}</title>
            </g>
          );
        })}
      </svg>
      <figcaption className="strip-axis">
        <span>{date(first.at, 'short')}</span>
        <span className="strip-legend">
          <span className="legend-decision" aria-hidden="true">
            ▼
          </span>{' '}
          {t('strip.legendDecision')}
        </span>
        <span>{caseDetail.closedAt ? date(caseDetail.closedAt, 'short') : t('strip.now')}</span>
      </figcaption>
    </figure>
  );
});
