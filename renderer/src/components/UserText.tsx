import { splitHidden } from '../../../shared/visible-text';

/**
 * Text someone wrote (an entry, a title, a name), shown as written: a character that would change the text
 * around it without being seen, such as a right-to-left override, appears as a marked token `⟨U+202E⟩`
 * (shared/visible-text.ts, the same rule the documents print with). For places that take only a string
 * (options, labels), use `showHidden`.
 */
export function UserText({ text }: { text: string }) {
  const parts = splitHidden(text);
  if (parts.every((part) => !part.hidden)) return parts.map((part) => part.text).join('');
  return parts.map((part, index) =>
    part.hidden ? (
      <span key={index} className="hidden-char">
        {part.text}
      </span>
    ) : (
      part.text
    ),
  );
}
