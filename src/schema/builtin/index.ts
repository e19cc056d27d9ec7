import { CORE_SCHEMA } from './core.js';
import { COSINE_SCHEMA } from './cosine.js';
import { GROUPS_SCHEMA } from './groups.js';
import { INETORGPERSON_SCHEMA } from './inetorgperson.js';
import { NIS_SCHEMA } from './nis.js';
import { SYSTEM_SCHEMA } from './system.js';
import { WARDEN_SCHEMA } from './warden.js';

export { CORE_SCHEMA, COSINE_SCHEMA, GROUPS_SCHEMA, INETORGPERSON_SCHEMA, NIS_SCHEMA, SYSTEM_SCHEMA, WARDEN_SCHEMA };
export { WARDEN_OID_ARC } from './warden.js';

/** The texts of Schema.createDefault(), in load order. */
export const DEFAULT_SCHEMA_TEXTS: readonly string[] = [
  SYSTEM_SCHEMA,
  CORE_SCHEMA,
  COSINE_SCHEMA,
  INETORGPERSON_SCHEMA,
  NIS_SCHEMA,
  GROUPS_SCHEMA,
  WARDEN_SCHEMA,
];
