-- The optional notices each organization declined (platform/notify): one row per organization
-- and kind. Notices a rule depends on are never optional, so never listed here.
CREATE TABLE notice_preferences (
    organization_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    PRIMARY KEY (organization_id, kind)
);
