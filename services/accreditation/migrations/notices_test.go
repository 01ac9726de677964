package migrations_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

// The notices table is the one platform/notify reads and writes, in both dialects.
func TestNoticesTableIsTheNotifiersSchema(t *testing.T) {
	for _, d := range []string{"sqlite", "postgres"} {
		b, err := fs.ReadFile(migrations.FS, d+"/0010_notices.sql")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), notify.Schema) {
			t.Errorf("%s/0010_notices.sql is not notify.Schema", d)
		}
	}
}
