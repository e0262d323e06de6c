/** Domain vocabulary shared by the store, the services, the contract and the UI. Pure data, no I/O. */

/** Local accounts inside a vault. */
export const userRoles = ['beheerder', 'redacteur', 'lezer'] as const;
export type UserRole = (typeof userRoles)[number];

/** What a role may do; enforced in the services, mirrored (not decided) by the UI. */
export const rolePermissions: Record<UserRole, { write: boolean; manageUsers: boolean; manageSettings: boolean }> = {
  beheerder: { write: true, manageUsers: true, manageSettings: true },
  redacteur: { write: true, manageUsers: false, manageSettings: false },
  lezer: { write: false, manageUsers: false, manageSettings: false },
};

/** Entry types a person records. */
export const manualEntryTypes = [
  'signaal',
  'waarneming',
  'besluit',
  'actie',
  'communicatie',
  'overleg',
  'notitie',
] as const;

/** Entry types only the system writes (phase changes, handovers, task status, exports, case status). */
export const systemEntryTypes = [
  'systeem_fase',
  'systeem_rol',
  'systeem_taak',
  'systeem_export',
  'systeem_status',
  'systeem_besluit',
  'systeem_interventie',
] as const;

export const entryTypes = [...manualEntryTypes, ...systemEntryTypes] as const;
export type ManualEntryType = (typeof manualEntryTypes)[number];
export type EntryType = (typeof entryTypes)[number];

/** Illegal (criminal law), unlawful (civil law, AVG) or unwanted (no legal ground). */
export const contentClasses = ['illegaal', 'onrechtmatig', 'ongewenst', 'onbekend'] as const;
export type ContentClass = (typeof contentClasses)[number];

/** BIO-style classification labels. */
export const classificationLabels = [
  'openbaar',
  'intern',
  'vertrouwelijk',
  'geheim',
] as const;
export type ClassificationLabel = (typeof classificationLabels)[number];

export const caseStatuses = ['open', 'gesloten', 'gearchiveerd'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * Retention categories (Archiefwet, municipal selection list) and how long each is kept after closing.
 * `null` years: kept permanently (transfer to the archive). Days are used where the law counts in days.
 */
export const retentionCategories = {
  besluitvorming: { years: null, days: null },
  handhaving: { years: 10, days: null },
  gebiedsverbod: { years: 5, days: null },
  camerabeelden: { years: null, days: 28 },
} as const;
export type RetentionCategory = keyof typeof retentionCategories;
export const retentionCategoryIds = Object.keys(retentionCategories) as [RetentionCategory, ...RetentionCategory[]];

/** Source reliability (A–F) and information credibility (1–6), the admiralty grading used by police work. */
export const sourceReliability = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const informationCredibility = ['1', '2', '3', '4', '5', '6'] as const;
export type SourceReliability = (typeof sourceReliability)[number];
export type InformationCredibility = (typeof informationCredibility)[number];

export const taskStatuses = ['open', 'bezig', 'gereed', 'vervallen'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const decisionMakers = ['burgemeester', 'driehoek', 'ovj', 'raad', 'politie', 'overig'] as const;
export type DecisionMaker = (typeof decisionMakers)[number];

export const interventionUseStatuses = ['overwogen', 'toegepast', 'afgewezen'] as const;
export type InterventionUseStatus = (typeof interventionUseStatuses)[number];

export const interventionTypes = [
  'strafrechtelijk',
  'bestuursrechtelijk',
  'civielrechtelijk',
  'signaleren',
  'communiceren',
  'interveniëren',
] as const;
export type InterventionType = (typeof interventionTypes)[number];

export const organisationKinds = [
  'politie',
  'om',
  'jongerenwerk',
  'school',
  'platform',
  'veiligheidsregio',
  'gemeente',
  'overig',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
