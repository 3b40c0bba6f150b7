import { z } from 'zod';

/**
 * A workspace name as it appears in a URL: letters (any script: "运营部" is a fine name),
 * digits, space, dot, underscore, hyphen; starting with a letter or digit; at most 64 characters.
 */
export const WorkspaceNameSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u, 'a workspace name is 1-64 letters, digits, spaces, ".", "_" or "-"');
