// Package sqlite is the embedded SQLite implementation of store.Store, on the pure-Go
// driver modernc.org/sqlite. The database is one ordinary SQLite file (plus its -wal and
// -shm companions while open) that any SQLite tool can read; docs/schema.md documents
// the tables.
//
// Connections use WAL journaling, foreign keys, a busy timeout, synchronous=NORMAL (a
// killed process loses nothing committed; only a power cut can lose the last
// transactions) and BEGIN IMMEDIATE, so concurrent writers queue instead of failing.
// Migrations are the embedded migrations/NNNN_name.sql files, each applied once inside
// a transaction and recorded in schema_migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store.Store on an SQLite file.
type DB struct {
	db    *sql.DB
	q     queries
	cache *stmtCache
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the SQLite database at path and brings its schema up
// to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	dsn := path + "?_pragma=busy_timeout(30000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Readers and the writer each keep a connection (and its prepared statements).
	db.SetMaxIdleConns(runtime.GOMAXPROCS(0) + 2)
	cache := &stmtCache{db: db, m: map[string]*sql.Stmt{}}
	return &DB{db: db, q: queries{db: db, cache: cache}, cache: cache}, nil
}

// SQL returns the underlying database, for checks and tools.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the database.
func (d *DB) Close() error {
	d.cache.close()
	return d.db.Close()
}

// Update runs fn in one IMMEDIATE transaction.
func (d *DB) Update(ctx context.Context, fn func(store.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(&txn{queries{db: tx, tx: tx, cache: d.cache}}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// HasReport implements store.Reader.
func (d *DB) HasReport(ctx context.Context, id, hash string) (bool, error) {
	return d.q.HasReport(ctx, id, hash)
}

// GetReport implements store.Reader.
func (d *DB) GetReport(ctx context.Context, id string) (*store.Report, error) {
	return d.q.GetReport(ctx, id)
}

// ReportIDs implements store.Reader.
func (d *DB) ReportIDs(ctx context.Context) ([]string, error) { return d.q.ReportIDs(ctx) }

// GetIncident implements store.Reader.
func (d *DB) GetIncident(ctx context.Context, id int64) (*store.Incident, error) {
	return d.q.GetIncident(ctx, id)
}

// ListIncidents implements store.Reader.
func (d *DB) ListIncidents(ctx context.Context, f store.Filter) ([]*store.Incident, error) {
	return d.q.ListIncidents(ctx, f)
}

// Counts implements store.Reader.
func (d *DB) Counts(ctx context.Context) (store.Counts, error) { return d.q.Counts(ctx) }

// migrate applies every embedded migration not yet recorded, each in its own
// transaction.
// An up-to-date database is only read here, so opening one takes no write lock.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	var applied int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&applied)
	if err == nil && applied == 1 {
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&applied)
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if applied == len(names) {
		return nil
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		num, _, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migrate: bad migration name %s", name)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := applyMigration(ctx, db, version, base, string(body)); err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, version int, name, body string) error {
	tx, err := db.BeginTx(ctx, nil) // IMMEDIATE: concurrent openers wait here
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, store.FormatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queries implements store.Reader on a querier. Fixed queries go through a cache of
// prepared statements (tx-specific copies inside a transaction); preparing is a large
// share of the cost of a small write otherwise.
type queries struct {
	db    querier
	tx    *sql.Tx // nil outside a transaction
	cache *stmtCache
}

// stmtCache holds statements prepared on the database, by query text.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s, nil
	}
	s, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, s := range c.m {
		s.Close()
		delete(c.m, k)
	}
}

// stmt returns the prepared statement for a fixed query, as a transaction-specific
// statement inside a transaction (closed with it). Only queries written as constants
// may go through here, so the cache stays small.
func (q queries) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, err := q.cache.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if q.tx != nil {
		return q.tx.StmtContext(ctx, s), nil
	}
	return s, nil
}

func (q queries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (q queries) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (q queries) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return q.db.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	return s.QueryRowContext(ctx, args...)
}

// txn implements store.Tx.
type txn struct{ queries }

func (q queries) HasReport(ctx context.Context, id, hash string) (bool, error) {
	var n int
	err := q.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM reports WHERE id = ?)
		OR EXISTS (SELECT 1 FROM reports WHERE text_hash = ? AND ? <> '')`, id, hash, hash).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("has report %s: %w", id, err)
	}
	return n != 0, nil
}

func (q queries) GetReport(ctx context.Context, id string) (*store.Report, error) {
	var (
		r                                       store.Report
		title, source, url, published, dateline sql.NullString
		extraction, ingested                    string
	)
	err := q.queryRow(ctx, `SELECT id, text, title, source, url, published, dateline, text_hash, extraction, ingested_at
		FROM reports WHERE id = ?`, id).Scan(&r.ID, &r.Text, &title, &source, &url, &published, &dateline, &r.Hash, &extraction, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get report %s: %w", id, err)
	}
	r.Title, r.Source, r.URL, r.Published, r.Dateline = title.String, source.String, url.String, published.String, dateline.String
	if err := json.Unmarshal([]byte(extraction), &r.Extraction); err != nil {
		return nil, fmt.Errorf("get report %s: decode extraction: %w", id, err)
	}
	r.IngestedAt = parseTime(ingested)
	return &r, nil
}

func (q queries) ReportIDs(ctx context.Context) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id FROM reports ORDER BY report_time, id`)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list reports: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return ids, nil
}

func (q queries) Counts(ctx context.Context) (store.Counts, error) {
	var c store.Counts
	err := q.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM reports), (SELECT count(*) FROM incidents), (SELECT count(*) FROM figures),
		(SELECT count(*) FROM claims), (SELECT count(*) FROM flags), (SELECT count(*) FROM incident_reports)`).
		Scan(&c.Reports, &c.Incidents, &c.Figures, &c.Claims, &c.Flags, &c.Links)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

func (q queries) GetIncident(ctx context.Context, id int64) (*store.Incident, error) {
	ins, err := q.incidents(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("get incident %d: %w", id, err)
	}
	if len(ins) == 0 {
		return nil, fmt.Errorf("incident %d: %w", id, store.ErrNotFound)
	}
	return ins[0], nil
}

func (q queries) ListIncidents(ctx context.Context, f store.Filter) ([]*store.Incident, error) {
	var (
		where []string
		args  []any
	)
	if f.Since != "" {
		where = append(where, `coalesce(date, anchor) >= ?`)
		args = append(args, f.Since)
	}
	if f.Type != "" {
		where = append(where, `type = ?`)
		args = append(args, string(f.Type))
	}
	if f.Country != "" {
		where = append(where, `lower(country) = lower(?)`)
		args = append(args, f.Country)
	}
	if f.Q != "" {
		where = append(where, `(instr(lower(coalesce(place, '') || ' ' || coalesce(admin, '') || ' ' || coalesce(country, '')), lower(?)) > 0
			OR EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = incidents.id AND instr(lower(c.name), lower(?)) > 0)
			OR EXISTS (SELECT 1 FROM weapons w WHERE w.incident_id = incidents.id AND instr(lower(coalesce(w.text, '') || ' ' || w.category), lower(?)) > 0)
			OR EXISTS (SELECT 1 FROM incident_reports l JOIN reports r ON r.id = l.report_id WHERE l.incident_id = incidents.id
				AND instr(lower(coalesce(r.title, '') || ' ' || r.text), lower(?)) > 0))`)
		args = append(args, f.Q, f.Q, f.Q, f.Q)
	}
	clause := ""
	if len(where) > 0 {
		clause = "WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit > 0 {
		clause += " LIMIT " + strconv.Itoa(f.Limit)
	}
	ins, err := q.incidents(ctx, clause, args...)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	return ins, nil
}

// incidents loads whole incidents matching a WHERE clause, ordered by id.
func (q queries) incidents(ctx context.Context, clause string, args ...any) ([]*store.Incident, error) {
	// ORDER BY must come before LIMIT.
	order := " ORDER BY id"
	if i := strings.Index(clause, " LIMIT "); i >= 0 {
		clause = clause[:i] + order + clause[i:]
	} else {
		clause += order
	}
	rows, err := q.db.QueryContext(ctx, `SELECT id, type, stage, date, anchor, place, admin, country, names, first_seen, last_updated
		FROM incidents `+clause, args...)
	if err != nil {
		return nil, err
	}
	ins, err := scanIncidents(rows)
	if err != nil {
		return nil, err
	}
	for _, in := range ins {
		if err := q.loadParts(ctx, in); err != nil {
			return nil, fmt.Errorf("incident %d: %w", in.ID, err)
		}
	}
	return ins, nil
}

// scanIncidents reads incident rows (the columns of incidents, in table order) and
// closes them.
func scanIncidents(rows *sql.Rows) ([]*store.Incident, error) {
	defer rows.Close()
	var ins []*store.Incident
	for rows.Next() {
		var (
			in                                 store.Incident
			stage, date, place, admin, country sql.NullString
			names, first, last                 string
		)
		if err := rows.Scan(&in.ID, &in.Type, &stage, &date, &in.Anchor, &place, &admin, &country, &names, &first, &last); err != nil {
			return nil, err
		}
		in.Stage = report.Stage(stage.String)
		in.Date, in.Place, in.Admin, in.Country = date.String, place.String, admin.String, country.String
		if err := json.Unmarshal([]byte(names), &in.Names); err != nil {
			return nil, fmt.Errorf("incident %d names: %w", in.ID, err)
		}
		in.FirstSeen, in.LastUpdated = parseTime(first), parseTime(last)
		ins = append(ins, &in)
	}
	return ins, rows.Err()
}

// loadParts fills an incident's slices from the child tables.
func (q queries) loadParts(ctx context.Context, in *store.Incident) error {
	in.Figures, in.Totals, in.Claims, in.Weapons, in.Flags, in.Reports =
		[]store.Figure{}, []store.Total{}, []store.Claim{}, []store.Weapon{}, []store.Flag{}, []store.ReportRef{}
	if in.Names == nil {
		in.Names = []string{}
	}
	err := q.each(ctx, `SELECT report_id, report_time, idx FROM incident_reports WHERE incident_id = ? ORDER BY seq`, in.ID,
		func(rows *sql.Rows) error {
			var r store.ReportRef
			var t string
			if err := rows.Scan(&r.ID, &t, &r.Index); err != nil {
				return err
			}
			r.Time = parseTime(t)
			in.Reports = append(in.Reports, r)
			return nil
		})
	if err != nil {
		return err
	}
	err = q.each(ctx, `SELECT report_id, report_seq, category, value, min, max, qualifier, subset_of, source, outlet, best, current, report_time
		FROM figures WHERE incident_id = ? ORDER BY seq`, in.ID, func(rows *sql.Rows) error {
		var (
			f                      store.Figure
			min, max               sql.NullInt64
			subset, source, outlet sql.NullString
			t                      string
		)
		if err := rows.Scan(&f.ReportID, &f.Seq, &f.Category, &f.Value, &min, &max, &f.Qualifier, &subset, &source, &outlet,
			&f.Best, &f.Current, &t); err != nil {
			return err
		}
		f.Min, f.Max = intPtr(min), intPtr(max)
		f.SubsetOf, f.Source, f.Outlet = report.Category(subset.String), source.String, outlet.String
		f.ReportTime = parseTime(t)
		in.Figures = append(in.Figures, f)
		return nil
	})
	if err != nil {
		return err
	}
	err = q.each(ctx, `SELECT category, best, conservative, high, qualifier, source, report_id FROM totals
		WHERE incident_id = ? ORDER BY seq`, in.ID, func(rows *sql.Rows) error {
		var (
			t              store.Total
			source, report sql.NullString
		)
		if err := rows.Scan(&t.Category, &t.Best, &t.Conservative, &t.High, &t.Qualifier, &source, &report); err != nil {
			return err
		}
		t.Source, t.ReportID = source.String, report.String
		in.Totals = append(in.Totals, t)
		return nil
	})
	if err != nil {
		return err
	}
	err = q.each(ctx, `SELECT report_id, name, mention, kind, status, channel, source, report_time FROM claims
		WHERE incident_id = ? ORDER BY seq`, in.ID, func(rows *sql.Rows) error {
		var (
			c                              store.Claim
			mention, kind, channel, source sql.NullString
			t                              string
		)
		if err := rows.Scan(&c.ReportID, &c.Name, &mention, &kind, &c.Status, &channel, &source, &t); err != nil {
			return err
		}
		c.Mention, c.Kind, c.Channel, c.Source = mention.String, report.ActorKind(kind.String), channel.String, source.String
		c.ReportTime = parseTime(t)
		in.Claims = append(in.Claims, c)
		return nil
	})
	if err != nil {
		return err
	}
	err = q.each(ctx, `SELECT report_id, category, text FROM weapons WHERE incident_id = ? ORDER BY seq`, in.ID,
		func(rows *sql.Rows) error {
			var (
				w    store.Weapon
				text sql.NullString
			)
			if err := rows.Scan(&w.ReportID, &w.Category, &text); err != nil {
				return err
			}
			w.Text = text.String
			in.Weapons = append(in.Weapons, w)
			return nil
		})
	if err != nil {
		return err
	}
	return q.each(ctx, `SELECT report_id, kind, message FROM flags WHERE incident_id = ? ORDER BY seq`, in.ID,
		func(rows *sql.Rows) error {
			var (
				f      store.Flag
				report sql.NullString
			)
			if err := rows.Scan(&report, &f.Kind, &f.Message); err != nil {
				return err
			}
			f.ReportID = report.String
			in.Flags = append(in.Flags, f)
			return nil
		})
}

func (q queries) each(ctx context.Context, query string, id int64, fn func(*sql.Rows) error) error {
	rows, err := q.query(ctx, query, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PutReport implements store.Tx.
func (t *txn) PutReport(ctx context.Context, r *store.Report) (bool, error) {
	if r.ID == "" {
		return false, errors.New("put report: empty id")
	}
	if r.Hash == "" {
		r.Hash = store.TextHash(r.Text)
	}
	if r.IngestedAt.IsZero() {
		r.IngestedAt = time.Now().UTC().Truncate(time.Second)
	}
	dup, err := t.HasReport(ctx, r.ID, r.Hash)
	if err != nil || dup {
		return false, err
	}
	x, err := json.Marshal(r.Extraction)
	if err != nil {
		return false, fmt.Errorf("put report %s: encode extraction: %w", r.ID, err)
	}
	_, err = t.exec(ctx, `INSERT INTO reports (id, text, title, source, url, published, dateline, report_time, text_hash, extraction, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Text, null(r.Title), null(r.Source), null(r.URL), null(r.Published), null(r.Dateline),
		store.FormatTime(r.Time()), r.Hash, string(x), store.FormatTime(r.IngestedAt))
	if err != nil {
		return false, fmt.Errorf("put report %s: %w", r.ID, err)
	}
	return true, nil
}

// SetExtraction implements store.Tx.
func (t *txn) SetExtraction(ctx context.Context, id string, x report.Report) error {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("set extraction %s: %w", id, err)
	}
	res, err := t.exec(ctx, `UPDATE reports SET extraction = ? WHERE id = ?`, string(b), id)
	if err != nil {
		return fmt.Errorf("set extraction %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set extraction %s: %w", id, store.ErrNotFound)
	}
	return nil
}

// Candidates implements store.Tx: two queries, one for the incidents and one for all
// their claims.
func (t *txn) Candidates(ctx context.Context, from, to string) ([]*store.Incident, error) {
	ins, err := t.headers(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("candidates %s..%s: %w", from, to, err)
	}
	if len(ins) == 0 {
		return ins, nil
	}
	byID := map[int64]*store.Incident{}
	for _, in := range ins {
		in.Claims = []store.Claim{}
		byID[in.ID] = in
	}
	rows, err := t.query(ctx, `SELECT incident_id, report_id, name, mention, kind, status, channel, source, report_time
		FROM claims WHERE incident_id IN (SELECT id FROM incidents WHERE anchor BETWEEN ? AND ?) ORDER BY incident_id, seq`, from, to)
	if err != nil {
		return nil, fmt.Errorf("candidates %s..%s: %w", from, to, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id                             int64
			c                              store.Claim
			mention, kind, channel, source sql.NullString
			rt                             string
		)
		if err := rows.Scan(&id, &c.ReportID, &c.Name, &mention, &kind, &c.Status, &channel, &source, &rt); err != nil {
			return nil, fmt.Errorf("candidates %s..%s: %w", from, to, err)
		}
		c.Mention, c.Kind, c.Channel, c.Source = mention.String, report.ActorKind(kind.String), channel.String, source.String
		c.ReportTime = parseTime(rt)
		if in := byID[id]; in != nil {
			in.Claims = append(in.Claims, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("candidates %s..%s: %w", from, to, err)
	}
	return ins, nil
}

// headers loads the incidents' own columns, without their parts.
func (t *txn) headers(ctx context.Context, from, to string) ([]*store.Incident, error) {
	rows, err := t.query(ctx, `SELECT id, type, stage, date, anchor, place, admin, country, names, first_seen, last_updated
		FROM incidents WHERE anchor BETWEEN ? AND ? ORDER BY id`, from, to)
	if err != nil {
		return nil, err
	}
	return scanIncidents(rows)
}

// CreateIncident implements store.Tx.
func (t *txn) CreateIncident(ctx context.Context, in *store.Incident) (int64, error) {
	names, err := json.Marshal(nonNil(in.Names))
	if err != nil {
		return 0, err
	}
	res, err := t.exec(ctx, `INSERT INTO incidents (type, stage, date, anchor, place, admin, country, names, first_seen, last_updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(in.Type), null(string(in.Stage)), null(in.Date), in.Anchor,
		null(in.Place), null(in.Admin), null(in.Country), string(names), store.FormatTime(in.FirstSeen), store.FormatTime(in.LastUpdated))
	if err != nil {
		return 0, fmt.Errorf("create incident: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("create incident: %w", err)
	}
	in.ID = id
	if err := t.insertParts(ctx, in); err != nil {
		return 0, fmt.Errorf("create incident %d: %w", id, err)
	}
	return id, nil
}

// UpdateIncident implements store.Tx.
func (t *txn) UpdateIncident(ctx context.Context, in *store.Incident) error {
	names, err := json.Marshal(nonNil(in.Names))
	if err != nil {
		return err
	}
	res, err := t.exec(ctx, `UPDATE incidents SET type = ?, stage = ?, date = ?, anchor = ?, place = ?, admin = ?,
		country = ?, names = ?, first_seen = ?, last_updated = ? WHERE id = ?`, string(in.Type), null(string(in.Stage)),
		null(in.Date), in.Anchor, null(in.Place), null(in.Admin), null(in.Country), string(names),
		store.FormatTime(in.FirstSeen), store.FormatTime(in.LastUpdated), in.ID)
	if err != nil {
		return fmt.Errorf("update incident %d: %w", in.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update incident %d: %w", in.ID, store.ErrNotFound)
	}
	if err := t.deleteParts(ctx, in.ID); err != nil {
		return fmt.Errorf("update incident %d: %w", in.ID, err)
	}
	if err := t.insertParts(ctx, in); err != nil {
		return fmt.Errorf("update incident %d: %w", in.ID, err)
	}
	return nil
}

// DeleteIncident implements store.Tx.
func (t *txn) DeleteIncident(ctx context.Context, id int64) error {
	res, err := t.exec(ctx, `DELETE FROM incidents WHERE id = ?`, id) // parts cascade
	if err != nil {
		return fmt.Errorf("delete incident %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete incident %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// ResetIncidents implements store.Tx. Incident ids are INTEGER PRIMARY KEY without
// AUTOINCREMENT, so an empty table starts again at 1.
func (t *txn) ResetIncidents(ctx context.Context) error {
	for _, table := range []string{"flags", "weapons", "claims", "totals", "figures", "incident_reports", "incidents"} {
		if _, err := t.db.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("reset incidents: %w", err)
		}
	}
	return nil
}

func (t *txn) deleteParts(ctx context.Context, id int64) error {
	for _, table := range []string{"flags", "weapons", "claims", "totals", "figures", "incident_reports"} {
		if _, err := t.exec(ctx, `DELETE FROM `+table+` WHERE incident_id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) insertParts(ctx context.Context, in *store.Incident) error {
	for i, r := range in.Reports {
		if _, err := t.exec(ctx, `INSERT INTO incident_reports (incident_id, report_id, idx, report_time, seq)
			VALUES (?, ?, ?, ?, ?)`, in.ID, r.ID, r.Index, store.FormatTime(r.Time), i); err != nil {
			return fmt.Errorf("link report %s: %w", r.ID, err)
		}
	}
	for i, f := range in.Figures {
		if _, err := t.exec(ctx, `INSERT INTO figures (incident_id, report_id, seq, report_seq, category, value, min, max,
			qualifier, subset_of, source, outlet, best, current, report_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.ID, f.ReportID, i, f.Seq, string(f.Category), f.Value, f.Min, f.Max, string(f.Qualifier), null(string(f.SubsetOf)),
			null(f.Source), null(f.Outlet), f.Best, f.Current, store.FormatTime(f.ReportTime)); err != nil {
			return fmt.Errorf("figure %d: %w", i, err)
		}
	}
	for i, x := range in.Totals {
		if _, err := t.exec(ctx, `INSERT INTO totals (incident_id, category, best, conservative, high, qualifier, source,
			report_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, string(x.Category), x.Best, x.Conservative, x.High,
			string(x.Qualifier), null(x.Source), null(x.ReportID), i); err != nil {
			return fmt.Errorf("total %s: %w", x.Category, err)
		}
	}
	for i, c := range in.Claims {
		if _, err := t.exec(ctx, `INSERT INTO claims (incident_id, report_id, seq, name, mention, kind, status, channel,
			source, report_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, c.ReportID, i, c.Name, null(c.Mention),
			null(string(c.Kind)), string(c.Status), null(c.Channel), null(c.Source), store.FormatTime(c.ReportTime)); err != nil {
			return fmt.Errorf("claim %d: %w", i, err)
		}
	}
	for i, w := range in.Weapons {
		if _, err := t.exec(ctx, `INSERT INTO weapons (incident_id, report_id, seq, category, text) VALUES (?, ?, ?, ?, ?)`,
			in.ID, w.ReportID, i, string(w.Category), null(w.Text)); err != nil {
			return fmt.Errorf("weapon %d: %w", i, err)
		}
	}
	for i, f := range in.Flags {
		if _, err := t.exec(ctx, `INSERT INTO flags (incident_id, report_id, seq, kind, message) VALUES (?, ?, ?, ?, ?)`,
			in.ID, null(f.ReportID), i, string(f.Kind), f.Message); err != nil {
			return fmt.Errorf("flag %d: %w", i, err)
		}
	}
	return nil
}

// null maps "" to SQL NULL, so that unknown values read as NULL in any SQLite tool.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func parseTime(s string) time.Time {
	t, err := time.Parse(store.TimeFormat, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
