-- The Committee on NGOs as it works: the member States sitting at each session, the ECOSOC decisions
-- recorded over lists, the reason and decision carried by every status change, and the Committee's
-- review of quadrennial reports.

-- members is the JSON list of the member States sitting at the session, each with its term.
ALTER TABLE committee_sessions ADD COLUMN members TEXT NOT NULL DEFAULT '[]';

-- recommend_date is the day the Committee recommended the application, so ECOSOC's grant is later.
ALTER TABLE applications ADD COLUMN recommend_date TEXT NOT NULL DEFAULT '';

-- reason says why the status was last suspended or withdrawn (REPORTING_2008_4, CEASED_TO_EXIST,
-- ORGANIZATION_REQUEST, SANCTION_1996_31); the three-year wait reads it.
ALTER TABLE consultative_statuses ADD COLUMN reason TEXT NOT NULL DEFAULT '';

ALTER TABLE status_changes ADD COLUMN decision_symbol TEXT NOT NULL DEFAULT '';
ALTER TABLE status_changes ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE status_changes ADD COLUMN suspension_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE status_changes ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';

-- review_state: SUBMITTED, then TAKEN_NOTE or DEFERRED by the Committee at session_id.
ALTER TABLE quadrennial_reports ADD COLUMN review_state TEXT NOT NULL DEFAULT 'SUBMITTED';
ALTER TABLE quadrennial_reports ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
ALTER TABLE quadrennial_reports ADD COLUMN review_questions TEXT NOT NULL DEFAULT '[]';

-- One row per ECOSOC decision; a decision symbol and date are recorded once.
CREATE TABLE ecosoc_decisions (
    symbol        TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    entries       TEXT NOT NULL,
    record_time   INTEGER NOT NULL,
    recorded_by   TEXT NOT NULL,
    PRIMARY KEY (symbol, decision_date)
);
