-- Each case's head carries the signature of the user whose write moved it (db/chain.ts, db/signatures.ts). Heads
-- moved before this migration have none; the next append by a signed-in user signs them.
ALTER TABLE `cases` ADD `head_signature` blob;--> statement-breakpoint
ALTER TABLE `cases` ADD `head_signer` text;
