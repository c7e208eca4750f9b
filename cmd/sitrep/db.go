package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// defaultDB is the database file used when neither --db nor SITREP_DB says otherwise.
const defaultDB = "sitrep.db"

// addDBFlag adds the --db flag shared by the database commands and returns where its
// value lands.
func addDBFlag(cmd *cobra.Command) *string {
	var path string
	cmd.Flags().StringVar(&path, "db", "", "database file (default $SITREP_DB, else "+defaultDB+" in the working directory)")
	return &path
}

// dbPath resolves the --db value: the flag, else $SITREP_DB, else defaultDB.
func dbPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := strings.TrimSpace(os.Getenv("SITREP_DB")); env != "" {
		return env
	}
	return defaultDB
}

// openDB opens the store named by the --db value. Today every value is an SQLite file;
// a PostgreSQL store would be chosen here by a postgres:// URL.
func openDB(ctx context.Context, flag string) (store.Store, error) {
	path := dbPath(flag)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	return db, nil
}

// openExistingDB is openDB for the read-only commands: it refuses to create an empty
// database file where none is, which almost always means a wrong --db or directory.
func openExistingDB(ctx context.Context, flag string) (store.Store, error) {
	path := dbPath(flag)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (run sitrep ingest first, or pass --db)", path, err)
	}
	return openDB(ctx, flag)
}

// parseDay checks a YYYY-MM-DD flag value.
func parseDay(flag, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return s, nil
	}
	if t, ok := store.ParseTime(s); ok {
		return t.Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("--%s %q: want a date YYYY-MM-DD", flag, s)
}

// cmdContext returns the command's context, or a background one when the command runs
// without (as in tests that call run directly).
func cmdContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
