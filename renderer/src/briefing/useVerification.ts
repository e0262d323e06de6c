import { useCallback, useRef, useState } from 'react';
import type { ExportVerification } from '../../../shared/briefing';
import type { Failure } from '../../../shared/result';
import { bytesToBase64, maxAttachmentBytes } from '../signals/evidence';
import { useApi } from '../data/api';

export type VerificationState =
  | { kind: 'idle' }
  | { kind: 'busy'; fileName: string }
  | { kind: 'done'; fileName: string; caseId: string; verification: ExportVerification }
  | { kind: 'error'; fileName: string; error: Failure };

/**
 * Checks a chosen file: main hashes the bytes, looks them up in the case's export register, reads the state of
 * the log the file itself states and compares it with the log, so the answer rests on nothing the page
 * computed. Only the newest check is shown.
 */
export function useVerification(caseId: string): { state: VerificationState; check(file: File): Promise<void> } {
  const api = useApi();
  const [state, setState] = useState<VerificationState>({ kind: 'idle' });
  const latest = useRef(0);
  const check = useCallback(
    async (file: File): Promise<void> => {
      latest.current += 1;
      const request = latest.current;
      const fileName = file.name;
      // Main refuses larger files anyway; saying so here spares reading a huge file into memory.
      if (file.size > maxAttachmentBytes) {
        setState({ kind: 'error', fileName, error: { code: 'FILE_TOO_LARGE', message: '' } });
        return;
      }
      setState({ kind: 'busy', fileName });
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await api['exports.verify']({ caseId, data });
      if (request !== latest.current) return;
      setState(result.ok ? { kind: 'done', fileName, caseId, verification: result.value } : { kind: 'error', fileName, error: result.error });
    },
    [api, caseId],
  );
  return { state, check };
}
