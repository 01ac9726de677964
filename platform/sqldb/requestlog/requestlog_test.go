package requestlog_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/requestlog"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

func TestARetryIsAnsweredFromTheLog(t *testing.T) {
	at := time.Date(2028, 1, 10, 9, 0, 0, 0, time.UTC)
	sqltest.Each(t, sqldb.Options{Service: "requestlog"}, func(t *testing.T, open func() *sqldb.DB) {
		db := open()
		ctx := context.Background()
		key := requestlog.Key{Caller: "ngo-1", RequestID: "r-1", Method: "/svc/Create"}

		if _, found, err := requestlog.Lookup(ctx, db, db.Dialect(), key); err != nil || found {
			t.Fatalf("before the first answer: found=%v err=%v", found, err)
		}
		if err := db.InTx(ctx, func(tx *sql.Tx) error {
			return requestlog.Record(ctx, tx, db.Dialect(), key, []byte(`{"id":"org_1"}`), at)
		}); err != nil {
			t.Fatal(err)
		}
		got, found, err := requestlog.Lookup(ctx, db, db.Dialect(), key)
		if err != nil || !found || string(got) != `{"id":"org_1"}` {
			t.Fatalf("after: %q found=%v err=%v", got, found, err)
		}

		err = db.InTx(ctx, func(tx *sql.Tx) error {
			return requestlog.Record(ctx, tx, db.Dialect(), key, []byte(`{"id":"org_2"}`), at)
		})
		if !errors.Is(err, requestlog.ErrAlreadyRecorded) {
			t.Errorf("second record of the same request: %v, want ErrAlreadyRecorded", err)
		}

		for name, other := range map[string]requestlog.Key{
			"another caller": {Caller: "ngo-2", RequestID: "r-1", Method: key.Method},
			"another method": {Caller: key.Caller, RequestID: "r-1", Method: "/svc/Other"},
			"another target": {Caller: key.Caller, RequestID: "r-1", Method: key.Method, Target: "app_2"},
			"no request id":  {Caller: key.Caller, Method: key.Method},
		} {
			if _, found, err := requestlog.Lookup(ctx, db, db.Dialect(), other); err != nil || found {
				t.Errorf("%s: found=%v err=%v, want a different request", name, found, err)
			}
		}
	})
}

func TestRebindNumbersPlaceholdersForPostgresOnly(t *testing.T) {
	q := "SELECT a FROM t WHERE b = ? AND c = ?"
	if got := sqldb.Rebind(sqldb.Postgres, q); got != "SELECT a FROM t WHERE b = $1 AND c = $2" {
		t.Errorf("postgres: %s", got)
	}
	if got := sqldb.Rebind(sqldb.SQLite, q); got != q {
		t.Errorf("sqlite: %s", got)
	}
}
