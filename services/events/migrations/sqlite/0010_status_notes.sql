-- status_note says why a registration at a meeting open only to organizations in consultative
-- status was cancelled or flagged when the organization's status was suspended or withdrawn, so
-- the NGO and the organizer both see it.
ALTER TABLE registrations ADD COLUMN status_note TEXT NOT NULL DEFAULT '';
