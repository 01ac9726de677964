package sqldb_test

import (
	"testing"

	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }
