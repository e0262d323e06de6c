import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import type { z } from 'zod';

/** The resolver every form uses (`inputForm` schemas, or a plain object schema of shared rules). */
export function formResolver<S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  return zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
}
