import { useTranslation } from 'react-i18next';
import type { ExportRecord } from '../../../shared/briefing';

/** A register record named in a sentence: "briefing 3", "logboek-PDF 1". */
export function useRecordName(): (record: Pick<ExportRecord, 'kind' | 'number'>) => string {
  const { t } = useTranslation();
  return (record) => t(`briefing.kindNamed.${record.kind}`, { number: record.number });
}

/** Kinds whose files have no pages to count: JSON, and the sealed bundles. */
export const hasPages = (kind: ExportRecord['kind']): boolean => kind !== 'logboek-json' && kind !== 'pakket' && kind !== 'pakket-ontvangen';
