import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { excerpt } from '../../../shared/visible-text';
import { UserText } from './UserText';

/** As much of a text as a list shows before "meer": a few lines, or a short paragraph. */
const maxCharacters = 160;
const maxLines = 3;

/** The start of a long text with "…", or null when the text is short enough to show whole. */
export function shortened(text: string): string | null {
  const lines = text.split('\n');
  const head = lines.length > maxLines ? lines.slice(0, maxLines).join('\n') : text;
  const cut = excerpt(head, maxCharacters);
  if (cut === text) return null;
  return cut.endsWith('…') ? cut : `${cut}…`;
}

/**
 * User text that can be long (an entry of 5,000 characters) in a list: its start, and a "meer" button that shows
 * the whole text in place ("minder" shortens it again), so one entry never pushes the rest of the screen away.
 * `children` renders the shown text where it belongs, e.g. inside a link to the entry; by default as text.
 */
export function ExpandableText({ text, children }: { text: string; children?: (shown: string) => ReactNode }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const short = shortened(text);
  const render = children ?? ((shown: string) => <UserText text={shown} />);
  if (short === null) return render(text);
  return (
    <>
      <span id={id} className="expandable-text">
        {render(expanded ? text : short)}
      </span>{' '}
      <button type="button" className="link more-toggle" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
        {t(expanded ? 'overview.less' : 'overview.more')}
      </button>
    </>
  );
}
