-- 0001_init: reports, incidents and their parts. See docs/schema.md.

CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    text        TEXT NOT NULL,
    title       TEXT,
    source      TEXT,
    url         TEXT,
    dateline    TEXT,                  -- "LIMA, 10 JAN 90", when the input has one
    published   TEXT,                  -- as given: RFC 3339 or YYYY-MM-DD
    report_time TEXT NOT NULL,         -- published if it parses, else ingested_at (RFC 3339 UTC)
    text_hash   TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the normalised text
    extraction  TEXT NOT NULL,         -- the extractor's report, JSON (../shared/OUTPUT.md)
    ingested_at TEXT NOT NULL
);
CREATE INDEX reports_time ON reports (report_time, id);

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL,
    stage        TEXT,
    date         TEXT,                 -- YYYY-MM-DD, NULL when unknown
    anchor       TEXT NOT NULL,        -- date used for matching: date, else first report's day
    place        TEXT,
    admin        TEXT,
    country      TEXT,
    names        TEXT NOT NULL DEFAULT '[]',  -- JSON array of proper names used for matching
    first_seen   TEXT NOT NULL,
    last_updated TEXT NOT NULL
);
CREATE INDEX incidents_anchor ON incidents (anchor);

CREATE TABLE incident_reports (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    report_id   TEXT NOT NULL REFERENCES reports (id),
    idx         INTEGER NOT NULL,      -- position of the incident in the report's extraction
    report_time TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (incident_id, report_id, idx)
);
CREATE INDEX incident_reports_report ON incident_reports (report_id);

CREATE TABLE figures (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    report_id   TEXT NOT NULL REFERENCES reports (id),
    seq         INTEGER NOT NULL,
    category    TEXT NOT NULL,
    value       INTEGER NOT NULL,
    min         INTEGER,
    max         INTEGER,
    qualifier   TEXT NOT NULL,
    subset_of   TEXT,
    source      TEXT,                  -- who gave the figure; NULL when unattributed
    outlet      TEXT,                  -- the report's outlet
    best        INTEGER NOT NULL DEFAULT 0,  -- the extractor's best mark in its report
    current     INTEGER NOT NULL DEFAULT 0,  -- the incident's current best value
    report_seq  INTEGER NOT NULL DEFAULT 0,  -- position of the figure in its report
    report_time TEXT NOT NULL
);
CREATE INDEX figures_incident ON figures (incident_id, seq);

CREATE TABLE totals (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    category     TEXT NOT NULL,
    best         INTEGER NOT NULL,
    conservative INTEGER NOT NULL,
    high         INTEGER NOT NULL,
    qualifier    TEXT NOT NULL,
    source       TEXT,
    report_id    TEXT REFERENCES reports (id),
    seq          INTEGER NOT NULL,
    PRIMARY KEY (incident_id, category)
);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    report_id   TEXT NOT NULL REFERENCES reports (id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    mention     TEXT,
    kind        TEXT,
    status      TEXT NOT NULL,
    channel     TEXT,
    source      TEXT,
    report_time TEXT NOT NULL
);
CREATE INDEX claims_incident ON claims (incident_id, seq);

CREATE TABLE weapons (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    report_id   TEXT NOT NULL REFERENCES reports (id),
    seq         INTEGER NOT NULL,
    category    TEXT NOT NULL,
    text        TEXT
);
CREATE INDEX weapons_incident ON weapons (incident_id, seq);

CREATE TABLE flags (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    report_id   TEXT REFERENCES reports (id),  -- NULL for flags fusion raised across reports
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    message     TEXT NOT NULL
);
CREATE INDEX flags_incident ON flags (incident_id, seq);
