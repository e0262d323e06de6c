import type { ExportDocument } from '../briefing';
import { renderBriefingBody } from './render-briefing';
import { renderHandoverBody } from './render-handover';
import { renderLogBody } from './render-log';

/**
 * The document body: one `<article class="ordelog-doc">`, the same markup for the in-app preview and the PDF.
 * Built only from escaped text; it holds no links, images, scripts or event attributes.
 */

export { renderBriefingBody, renderHandoverBody, renderLogBody };

export function renderDocumentBody(doc: ExportDocument): string {
  switch (doc.kind) {
    case 'briefing':
      return renderBriefingBody(doc);
    case 'overdracht':
      return renderHandoverBody(doc);
    case 'logboek':
      return renderLogBody(doc);
  }
}
