/** The one error body every route answers with, whatever went wrong. */
import { z } from 'zod';

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    /** A stable code from the error table (docs/errors.md), e.g. NOT_FOUND, INVALID_ARGUMENT. */
    code: z.string(),
    /** One sentence for a person: what is wrong and what to do. */
    message: z.string(),
    /** The request field the problem is about, e.g. `rows[3].age`. */
    field: z.string().optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
