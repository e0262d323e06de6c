#!/usr/bin/env node
// The admin CLI runs its TypeScript sources through tsx, so `npx ordelog-admin` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/bin.ts');
