-- Sharing a case with partners (db/replica/, main/services/sharing/): the peers a person accepted, each shared
-- log's place in the replication engine (per case and scope), the roster of authors it admits, provisional entries
-- and the nodes its rules refused. Authors of other vaults get a user row marked with their organisation (never an
-- account).
CREATE TABLE `case_replicas` (
	`case_key` integer NOT NULL,
	`scope` text NOT NULL,
	`engine_name` text NOT NULL,
	`base_key` text NOT NULL,
	`block_key` blob NOT NULL,
	`owner` integer NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`placed` integer DEFAULT 0 NOT NULL,
	`pushed_seq` integer DEFAULT 0 NOT NULL,
	`shared_at` text NOT NULL,
	PRIMARY KEY(`case_key`, `scope`),
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_replicas_base_key_unique` ON `case_replicas` (`base_key`);--> statement-breakpoint
CREATE TABLE `peers` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`box_key` text,
	`signing_key` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	`accepted_at` text,
	`accepted_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `peers_signing_key_unique` ON `peers` (`signing_key`);--> statement-breakpoint
CREATE TABLE `provisional_entries` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`case_key` integer NOT NULL,
	`position` integer,
	`entry` text NOT NULL,
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provisional_entries_case` ON `provisional_entries` (`case_key`,`position`);--> statement-breakpoint
CREATE TABLE `replica_authors` (
	`case_key` integer NOT NULL,
	`author_key` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`owner` integer NOT NULL,
	PRIMARY KEY(`case_key`, `author_key`),
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `replica_refusals` (
	`case_key` integer NOT NULL,
	`scope` text NOT NULL,
	`position` integer NOT NULL,
	`writer` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`case_key`, `scope`, `position`),
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `users` ADD `external_organisation` text;