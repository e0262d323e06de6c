-- Author signatures (db/signatures.ts): the registry of each author's signing keys, appended only like the log,
-- and per entry the device, the author's key and the signature (nullable: older entries have none). Adding
-- columns leaves the log's append-only triggers as they are. The device id names this vault in signatures.
CREATE TABLE `author_keys` (
	`user_id` text NOT NULL,
	`public_key` blob NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `public_key`)
);
--> statement-breakpoint
ALTER TABLE `log_entries` ADD `device` text;--> statement-breakpoint
ALTER TABLE `log_entries` ADD `author_key` blob;--> statement-breakpoint
ALTER TABLE `log_entries` ADD `signature` blob;--> statement-breakpoint
CREATE TRIGGER `author_keys_no_update` BEFORE UPDATE ON `author_keys`
BEGIN
	SELECT RAISE(ABORT, 'append-only: author_keys');
END;
--> statement-breakpoint
CREATE TRIGGER `author_keys_no_delete` BEFORE DELETE ON `author_keys`
BEGIN
	SELECT RAISE(ABORT, 'append-only: author_keys');
END;
--> statement-breakpoint
INSERT INTO `settings` (`key`, `value`) VALUES ('device.id', '"' || lower(hex(randomblob(16))) || '"') ON CONFLICT DO NOTHING;
