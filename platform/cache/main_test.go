package cache_test

import (
	"testing"

	"github.com/un-liaison/liaison/platform/cache/cachetest"
)

func TestMain(m *testing.M) { cachetest.Main(m) }
