import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may. The app's CSP forbids eval, so zod would probe,
// be refused (a CSP violation report on every start) and fall back anyway: tell it up front not to try.
z.config({ jitless: true });
