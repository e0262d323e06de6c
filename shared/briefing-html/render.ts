import type { ExportDocument } from '../briefing';
import { renderBriefingBody } from './render-briefing';
import { renderLogBody } from './render-log';

/**
 * The document body: one `<article class="ordelog-doc">`, the same markup for the in-app preview and the PDF.
 * Built only from escaped text; it holds no links, images, scripts or event attributes.
 */

export { renderBriefingBody, renderLogBody };

export function renderDocumentBody(doc: ExportDocument): string {
  return doc.kind === 'briefing' ? renderBriefingBody(doc) : renderLogBody(doc);
}
