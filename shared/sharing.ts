import { z } from 'zod';

/** Sharing a case with partners by file: invitations, peers, bundles (main/services/sharing/). */

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const invitationSchema = z.strictObject({
  format: z.literal('ordelog-uitnodiging'),
  version: z.literal(1),
  userId: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
  signingKey: base64Key,
  boxKey: base64Key,
  code: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const peerSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  /** The invitation code to compare with what the partner reads out. */
  code: z.string(),
  /** Whether bundles can be sealed to them: accepted, with their receiving key known. */
  canReceive: z.boolean(),
  accepted: z.boolean(),
  acceptedAt: z.string().nullable(),
  addedAt: z.string(),
});
export type PeerSummary = z.infer<typeof peerSummarySchema>;

export const addPeerInput = z.strictObject({ invitation: z.string().min(2).max(10_000) });
export const peerIdInput = z.strictObject({ peerId: z.string().min(1).max(64) });
export const setOrganisationInput = z.strictObject({ organisation: z.string().trim().min(2).max(200) });

/**
 * What a shared log holds of a case: everything, or only its signals. A scope is a log of its own, chosen when it
 * is first shared: a merged log cannot be shared in part afterwards.
 */
export const bundleScopes = ['alles', 'signalen'] as const;
export type BundleScope = (typeof bundleScopes)[number];

export const bundleRecipientInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('partner'), peerId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('wachtwoord'), passphrase: z.string().min(12).max(1024) }),
]);

export const exportBundleInput = z.strictObject({
  caseId: z.string().min(1).max(64),
  recipient: bundleRecipientInput,
  scope: z.enum(bundleScopes).default('alles'),
});
export type ExportBundleInput = z.infer<typeof exportBundleInput>;

export const importBundleInput = z.strictObject({
  /** The one-time passphrase of a bundle sealed with one; absent for a bundle sealed to this user. */
  passphrase: z.string().min(1).max(1024).optional(),
});

/** What a bundle file may weigh when it travels through the app (base64 in the call, like an attachment). */
export const bundleFileMaxBytes = 200 * 1024 * 1024;

/** A bundle read in through the app: the file's bytes as base64, and its passphrase when it has one. */
export const importBundleFileInput = importBundleInput.extend({
  data: z.base64().max(Math.ceil(bundleFileMaxBytes / 3) * 4),
});

export const importedBundleSchema = z.strictObject({
  caseId: z.string(),
  title: z.string(),
  created: z.boolean(),
  from: z.strictObject({ name: z.string(), organisation: z.string() }),
  added: z.number().int(),
  refused: z.number().int(),
  provisional: z.number().int(),
});
export type ImportedBundle = z.infer<typeof importedBundleSchema>;

export const replicaAuthorSchema = z.strictObject({
  name: z.string(),
  organisation: z.string(),
  owner: z.boolean(),
});

export const sharingStatusSchema = z.strictObject({
  shared: z.boolean(),
  /** The shared logs of the case on this vault (an owner may share all of it and, apart, its signals). */
  scopes: z.array(z.enum(bundleScopes)),
  /** Whether this vault owns the case (orders its log) or received it from a partner. */
  owner: z.boolean(),
  ownerOrganisation: z.string().nullable(),
  authors: z.array(replicaAuthorSchema),
  provisional: z.number().int(),
  refusals: z.array(z.strictObject({ position: z.number().int(), reason: z.string(), organisation: z.string().nullable() })),
  finalEntries: z.number().int(),
});
export type SharingStatus = z.infer<typeof sharingStatusSchema>;
