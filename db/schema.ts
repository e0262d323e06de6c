import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  caseStatuses,
  classificationLabels,
  contentClasses,
  decisionMakers,
  entryTypes,
  informationCredibility,
  interventionTypes,
  interventionUseStatuses,
  organisationKinds,
  retentionCategoryIds,
  sourceReliability,
  taskStatuses,
} from '../shared/domain';
import { platforms, signalChannels } from '../shared/signals';
import { briefingAudiences, exportKinds } from '../shared/briefing';
import { bundleScopes } from '../shared/sharing';

/**
 * The vault's schema. Times are ISO 8601 strings in UTC with milliseconds (`2026-11-28T18:03:10.123Z`),
 * written by the services, so they sort and compare as text and survive export unchanged.
 */

/** Local accounts. A user's key slot (outside the database) refers to `id`. Users are never deleted, only removed. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['beheerder', 'redacteur', 'lezer'] }).notNull(),
  createdAt: text('created_at').notNull(),
  removedAt: text('removed_at'),
  /**
   * Set for an author of another vault whose entries reached this one in a shared case (their organisation): a
   * row so the log can name them, never an account (no key slot, removed from the start).
   */
  externalOrganisation: text('external_organisation'),
});

/**
 * The signing keys an author has signed entries with: registered when a key slot gets its signing key, and never
 * changed or removed (appended only, triggers in the migration), so entries by a removed user still verify.
 * `user_id` is not a reference: an author may come from another vault.
 */
export const authorKeys = sqliteTable(
  'author_keys',
  {
    userId: text('user_id').notNull(),
    publicKey: blob('public_key', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.publicKey] })],
);

/** BIO audit lines: action, object, result, origin, actor, time. Appended only (triggers in a migration). */
export const auditLines = sqliteTable(
  'audit_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    object: text('object').notNull(),
    result: text('result', { enum: ['ok', 'geweigerd', 'fout'] }).notNull(),
    origin: text('origin', { enum: ['app', 'cli', 'browser-host', 'system'] }).notNull(),
  },
  (t) => [index('audit_lines_at').on(t.at)],
);

/** Vault-wide settings as key/value JSON (idle lock minutes, municipality name, ...). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/*
 * The case log. Ids are UUIDs (catalogue ids are readable slugs, stable across vaults). Who did something is
 * kept twice: `*_by` / `author_id` points at a local user when there is one, `*_name` is the name as it was
 * at that moment, so imported records from another vault keep their author and renamed users keep history.
 */

/** The configurable phase model (seeded from `shared/catalogue/phases`). */
export const phases = sqliteTable('phases', {
  id: text('id').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
});

/**
 * Roles a person can hold in a case team (seeded from `shared/catalogue/roles`). A single-holder role (the
 * mayor, the OOV-adviseur) has one holder at a time unless a second one is confirmed explicitly.
 */
export const caseRoles = sqliteTable('case_roles', {
  id: text('id').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  singleHolder: integer('single_holder', { mode: 'boolean' }).notNull().default(false),
});

/** Legal bases of the mayor's powers; `deadline_rules` is JSON (`deadlineRulesSchema`), the deadlines a decision derives. */
export const legalBases = sqliteTable('legal_bases', {
  id: text('id').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  citation: text('citation').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  deadlineRules: text('deadline_rules').notNull(),
});

/** The intervention catalogue, editable per municipality (seeded from `shared/catalogue/interventions`). */
export const interventions = sqliteTable('interventions', {
  id: text('id').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  type: text('type', { enum: interventionTypes }).notNull(),
  decidedBy: text('decided_by').notNull(),
  legalBasisId: text('legal_basis_id').references(() => legalBases.id),
  caveats: text('caveats').notNull(),
});

export const interventionPhases = sqliteTable(
  'intervention_phases',
  {
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    phaseId: text('phase_id')
      .notNull()
      .references(() => phases.id),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.phaseId] })],
);

/** Offline directory of partner organisations. */
export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: organisationKinds }).notNull(),
  contact: text('contact').notNull(),
  notes: text('notes').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Offline directory of people a case team works with. */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    organisationId: text('organisation_id').references(() => organisations.id),
    function: text('function').notNull(),
    contact: text('contact').notNull(),
    /** A number to call in a shift, shown beside the person's roles; '' when not known. */
    phone: text('phone').notNull().default(''),
    notes: text('notes').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('people_name').on(t.name)],
);

/**
 * A case. `head_seq`/`head_hash` repeat the last entry of its chain, so a log cut short at its end (which
 * leaves a chain that is valid in itself) is still found by verification. `head_signature` is the Ed25519
 * signature over the head by the user whose write moved it (db/signatures.ts `caseHeadContent`), `head_signer`
 * their public key in base64; both null when the head was moved with no user key at hand.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    municipality: text('municipality'),
    status: text('status', { enum: caseStatuses }).notNull(),
    classification: text('classification', { enum: classificationLabels }).notNull(),
    contentClass: text('content_class', { enum: contentClasses }).notNull(),
    currentPhaseId: text('current_phase_id')
      .notNull()
      .references(() => phases.id),
    retentionCategory: text('retention_category', { enum: retentionCategoryIds }),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    closedAt: text('closed_at'),
    archivedAt: text('archived_at'),
    headSeq: integer('head_seq').notNull().default(0),
    headHash: text('head_hash').notNull(),
    headSignature: blob('head_signature', { mode: 'buffer' }),
    headSigner: text('head_signer'),
    /**
     * The case's small integer key inside this vault, given on insert by a trigger (migration 0008): the log's
     * rows and indexes carry it instead of the 36-character id. The id stays the case's name everywhere else.
     */
    key: integer('key'),
  },
  (t) => [index('cases_status').on(t.status), uniqueIndex('cases_key').on(t.key)],
);

/**
 * The log. Append-only (triggers in a migration); each entry carries the hash of the previous one of its case.
 * Stored close to the floor (migration 0008): an integer rowid `n` that the search index is keyed by (in log
 * order within a case), the case as its integer key, the hashes as 32 bytes. The entry's id is its stable name.
 */
export const logEntries = sqliteTable(
  'log_entries',
  {
    n: integer('n').primaryKey(),
    id: text('id').notNull(),
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    seq: integer('seq').notNull(),
    type: text('type', { enum: entryTypes }).notNull(),
    text: text('text').notNull(),
    occurredAt: text('occurred_at').notNull(),
    recordedAt: text('recorded_at').notNull(),
    authorId: text('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    source: text('source'),
    sourceReliability: text('source_reliability', { enum: sourceReliability }),
    informationCredibility: text('information_credibility', { enum: informationCredibility }),
    correctsEntryId: text('corrects_entry_id').references((): AnySQLiteColumn => logEntries.id),
    personalData: integer('personal_data', { mode: 'boolean' }).notNull(),
    phaseId: text('phase_id')
      .notNull()
      .references(() => phases.id),
    /** Where it happened (an address, "stationsplein"); covered by the chain only when present (db/chain.ts). */
    location: text('location'),
    /**
     * The author's signature (db/signatures.ts), present together or not at all: the device id of the vault it
     * was written on, the author's Ed25519 public key (32 bytes) and the signature (64 bytes). Absent on entries
     * written before signatures existed or with no user key at hand; those keep their older encoding.
     */
    device: text('device'),
    authorKey: blob('author_key', { mode: 'buffer' }),
    signature: blob('signature', { mode: 'buffer' }),
    /** SHA-256 digests, 32 bytes each; shown and exported as lowercase hex. */
    prevHash: blob('prev_hash', { mode: 'buffer' }).notNull(),
    hash: blob('hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    uniqueIndex('log_entries_id').on(t.id),
    uniqueIndex('log_entries_case_seq').on(t.caseKey, t.seq),
    index('log_entries_timeline').on(t.caseKey, t.occurredAt, t.seq),
    // Few entries correct another: the index holds only those.
    index('log_entries_corrects').on(t.correctsEntryId).where(sql`corrects_entry_id IS NOT NULL`),
  ],
);

/** How many entries a case holds, by type and personal data, kept by a trigger as the log grows (migration 0008). */
export const entryCounts = sqliteTable(
  'entry_counts',
  {
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    type: text('type', { enum: entryTypes }).notNull(),
    personalData: integer('personal_data', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKey, t.type, t.personalData] })],
);

/** Every phase change of a case, with the system entry that logged it. Append-only. */
export const phaseTransitions = sqliteTable(
  'phase_transitions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    fromPhaseId: text('from_phase_id').references(() => phases.id),
    toPhaseId: text('to_phase_id')
      .notNull()
      .references(() => phases.id),
    reason: text('reason').notNull(),
    at: text('at').notNull(),
    by: text('by').references(() => users.id),
    byName: text('by_name').notNull(),
    entryId: text('entry_id').references(() => logEntries.id),
  },
  (t) => [index('phase_transitions_case').on(t.caseId, t.at)],
);

/** Who held which role in a case, and when; a handover ends one row and starts the next. */
export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    roleId: text('role_id')
      .notNull()
      .references(() => caseRoles.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    handedOverTo: text('handed_over_to').references(() => people.id),
  },
  (t) => [index('role_assignments_case').on(t.caseId, t.startedAt)],
);

/** The action list: each task has an owner (a role, a person or both). */
export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    text: text('text').notNull(),
    ownerRoleId: text('owner_role_id').references(() => caseRoles.id),
    ownerPersonId: text('owner_person_id').references(() => people.id),
    dueAt: text('due_at'),
    status: text('status', { enum: taskStatuses }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('tasks_case').on(t.caseId, t.status),
    // The deadlines of work still to do, per case: what the situation bar and the case list read.
    index('tasks_open_due')
      .on(t.caseId, t.dueAt)
      .where(sql`status IN ('open', 'bezig') AND due_at IS NOT NULL`),
  ],
);

/**
 * The decision list. Deadlines are derived in code from the legal basis' rules; `follows_decision_id`
 * links a later decision (a council's ratification, an extension, a withdrawal) to the one it acts on.
 */
export const decisions = sqliteTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    decidedBy: text('decided_by', { enum: decisionMakers }).notNull(),
    legalBasisId: text('legal_basis_id').references(() => legalBases.id),
    necessity: text('necessity').notNull(),
    proportionality: text('proportionality').notNull(),
    subsidiarity: text('subsidiarity').notNull(),
    decidedAt: text('decided_at').notNull(),
    councilMeetingAt: text('council_meeting_at'),
    followsDecisionId: text('follows_decision_id').references((): AnySQLiteColumn => decisions.id),
    entryId: text('entry_id').references(() => logEntries.id),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('decisions_case_number').on(t.caseId, t.number),
    // Whether a decision was ratified is asked of every decision with a deadline, on every case screen.
    index('decisions_follows').on(t.followsDecisionId),
  ],
);

/** The log entries a decision rests on. */
export const decisionEntries = sqliteTable(
  'decision_entries',
  {
    decisionId: text('decision_id')
      .notNull()
      .references(() => decisions.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => logEntries.id),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.entryId] })],
);

/**
 * A council meeting date added to a decision after it was recorded (a noodverordening saved while the date was
 * not known yet). Appended only (triggers in a migration); the newest row is the decision's meeting date, and
 * the system entry it points at is the record of who added it when.
 */
export const decisionCouncilMeetings = sqliteTable(
  'decision_council_meetings',
  {
    id: text('id').primaryKey(),
    decisionId: text('decision_id')
      .notNull()
      .references(() => decisions.id),
    councilMeetingAt: text('council_meeting_at').notNull(),
    at: text('at').notNull(),
    recordedAt: text('recorded_at').notNull(),
    by: text('by').references(() => users.id),
    byName: text('by_name').notNull(),
    entryId: text('entry_id').references(() => logEntries.id),
  },
  (t) => [index('decision_council_meetings_decision').on(t.decisionId)],
);

/** Each time an intervention was considered, applied or rejected in a case: a history, one row per step. */
export const caseInterventions = sqliteTable(
  'case_interventions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    status: text('status', { enum: interventionUseStatuses }).notNull(),
    reason: text('reason').notNull(),
    effect: text('effect').notNull(),
    at: text('at').notNull(),
    by: text('by').references(() => users.id),
    byName: text('by_name').notNull(),
    entryId: text('entry_id').references(() => logEntries.id),
  },
  (t) => [index('case_interventions_case').on(t.caseId, t.at)],
);

/**
 * The structured facts of a signal entry (an online post, call or rumour the team saw), one row per entry of
 * type `signaal` recorded as a signal, written with it. Append-only like the log (triggers in a migration).
 * `phase_id` is the phase the signal points to; the case's phase at recording is the entry's.
 */
export const signals = sqliteTable(
  'signals',
  {
    entryId: text('entry_id')
      .primaryKey()
      .references(() => logEntries.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    platform: text('platform', { enum: platforms }).notNull(),
    url: text('url'),
    accountHandle: text('account_handle'),
    channel: text('channel', { enum: signalChannels }).notNull(),
    legalGround: text('legal_ground'),
    postedAt: text('posted_at'),
    seenAt: text('seen_at').notNull(),
    reach: integer('reach'),
    contentClass: text('content_class', { enum: contentClasses }).notNull(),
    phaseId: text('phase_id').references(() => phases.id),
    capturedBy: text('captured_by').references(() => users.id),
    capturedByName: text('captured_by_name').notNull(),
  },
  (t) => [index('signals_case').on(t.caseId, t.seenAt)],
);

/**
 * When a user last looked at a case's signals: signals recorded after it by someone else count as unread for
 * that user. One row per user and case, moved forward each time the user opens the signals section.
 */
export const signalReads = sqliteTable(
  'signal_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    readAt: text('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.caseId] })],
);

/** Files kept with a case. The bytes live in the encrypted database, so they are encrypted with it. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    entryId: text('entry_id').references(() => logEntries.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    personalData: integer('personal_data', { mode: 'boolean' }).notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').references(() => users.id),
    addedByName: text('added_by_name').notNull(),
  },
  (t) => [index('attachments_case').on(t.caseId)],
);

/** Briefings printed to PDF: what left the vault, when, by whom, how classified, and its fingerprint. */
export const briefingExports = sqliteTable(
  'briefing_exports',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    at: text('at').notNull(),
    by: text('by').references(() => users.id),
    byName: text('by_name').notNull(),
    /** The state of the log the export summarised: "<entries>:<head hash>" (`formatFingerprint`). */
    fingerprint: text('fingerprint').notNull(),
    classification: text('classification', { enum: classificationLabels }).notNull(),
    redacted: integer('redacted', { mode: 'boolean' }).notNull(),
    pageCount: integer('page_count').notNull(),
    entryId: text('entry_id').references(() => logEntries.id),
    kind: text('kind', { enum: exportKinds }).notNull().default('briefing'),
    /** Per case and kind, from 1: "briefing 3". */
    number: integer('number').notNull().default(1),
    audience: text('audience', { enum: briefingAudiences }),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    /** SHA-256 of the exported file, so a copy can be checked later; null for records made before it was kept. */
    sha256: text('sha256'),
    size: integer('size'),
    /** The partner a briefing's partner version was made for ("Versie voor …"); null for the own organisation. */
    recipient: text('recipient'),
  },
  (t) => [index('briefing_exports_case').on(t.caseId, t.at), index('briefing_exports_sha256').on(t.sha256)],
);

/**
 * The text that full-text search indexes for tasks and decisions, one row each, kept current by triggers. The
 * FTS5 table `search_index` (created in a custom migration) uses it as external content: its integer key is
 * stable, so a changed task or decision is found and re-indexed by key instead of by a scan. Log entries are
 * not here since migration 0008: `entry_search` indexes them straight from `log_entries`, their text stored once.
 */
export const searchDocuments = sqliteTable(
  'search_documents',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: ['entry', 'task', 'decision'] }).notNull(),
    objectId: text('object_id').notNull(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('search_documents_object').on(t.kind, t.objectId)],
);

/**
 * Writes already carried out, by the request id the renderer gave them, so a double click, a retried request or a
 * reload never records anything twice: a repeat gets the first answer back. Written in the same transaction as
 * the write itself. Not evidence (the log and the audit lines are), so rows older than a day are pruned.
 */
export const writeRequests = sqliteTable(
  'write_requests',
  {
    requestId: text('request_id').primaryKey(),
    channel: text('channel').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** The first answer, as JSON; it may hold case text, which is why it lives only inside the vault. */
    result: text('result').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('write_requests_at').on(t.at)],
);

/**
 * What a user typed in a form but has not recorded yet (a phase reason, a decision, a briefing's texts), so a
 * lock does not throw it away. One row per user and form (`key`, e.g. `case/<id>/phase-change`); `value` is the
 * form's values as JSON. Case text, which is why it lives only inside the encrypted vault. Not evidence and not
 * audited: rows are replaced as the user types and deleted once the form is recorded or the draft thrown away.
 */
export const drafts = sqliteTable(
  'drafts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    value: text('value').notNull(),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * One user's own settings as key/value JSON: the UI language, the zone times are shown in, and where they were
 * (case, section, form) to return to after an unlock. The vault-wide settings are in `settings`.
 */
export const userSettings = sqliteTable(
  'user_settings',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * Partners this vault exchanges case bundles with: a person of another vault, known by the keys of their
 * invitation (X25519 to seal bundles to, Ed25519 that signs what they send). A bundle from a key not accepted
 * here is refused until a person accepts its sender.
 */
export const peers = sqliteTable('peers', {
  id: text('id').primaryKey(),
  /** Their user id in their own vault (from the invitation or the bundle), which their entries carry. */
  userId: text('user_id'),
  name: text('name').notNull(),
  organisation: text('organisation').notNull(),
  /** Null for a sender known only from a bundle: nothing can be sealed to them until their invitation arrives. */
  boxKey: text('box_key'),
  signingKey: text('signing_key').notNull().unique(),
  addedAt: text('added_at').notNull(),
  addedBy: text('added_by').notNull(),
  acceptedAt: text('accepted_at'),
  acceptedBy: text('accepted_by'),
});

/**
 * A shared case's place in the replication engine (db/replica/): the base's key, the case's block key, whether
 * this vault owns the case (its device orders the log), how far the merged log is materialised (`applied` nodes
 * of the engine's log view, `placed` entries of it), and how far the owner's own log was handed to the engine.
 */
export const caseReplicas = sqliteTable(
  'case_replicas',
  {
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    /** What the shared log holds of the case: `alles`, or only its signals (`signalen`, a log of its own). */
    scope: text('scope', { enum: bundleScopes }).notNull(),
    /**
     * The base's name in this vault's engine store (its namespace): the case and scope for an owner; for a vault
     * that received the case, that with the attempt that first read it, so a first reading cut short by a crash
     * leaves nothing the next attempt builds on.
     */
    engineName: text('engine_name').notNull(),
    baseKey: text('base_key').notNull().unique(),
    blockKey: blob('block_key', { mode: 'buffer' }).notNull(),
    owner: integer('owner', { mode: 'boolean' }).notNull(),
    applied: integer('applied').notNull().default(0),
    placed: integer('placed').notNull().default(0),
    pushedSeq: integer('pushed_seq').notNull().default(0),
    sharedAt: text('shared_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKey, t.scope] })],
);

/** The authors a shared case admits, as its base's roster says: whose entries count, and where they come from. */
export const replicaAuthors = sqliteTable(
  'replica_authors',
  {
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    authorKey: text('author_key').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    owner: integer('owner', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKey, t.authorKey] })],
);

/**
 * Entries of a shared case that are not final yet ("voorlopig"): merged but not yet ordered for good, or written
 * here and not yet handed to the engine (`position` null). Rebuilt from the engine after every update.
 */
export const provisionalEntries = sqliteTable(
  'provisional_entries',
  {
    entryId: text('entry_id').primaryKey(),
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    position: integer('position'),
    entry: text('entry').notNull(),
  },
  (t) => [index('provisional_entries_case').on(t.caseKey, t.position)],
);

/** Nodes of a shared case's merged log that its rules refused, with the reason: the same on every laptop. */
export const replicaRefusals = sqliteTable(
  'replica_refusals',
  {
    caseKey: integer('case_key')
      .notNull()
      .references(() => cases.key),
    scope: text('scope', { enum: bundleScopes }).notNull(),
    position: integer('position').notNull(),
    writer: text('writer').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKey, t.scope, t.position] })],
);
