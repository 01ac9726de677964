package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// profileLive runs load, unmeasured, while it takes a CPU profile of each named process through
// its admin port, and writes them to dir as <figure>-<process>.cpu.pprof. These are the profiles
// of the binaries as deployed, under the same load as the figure; `go tool pprof -top` reads them.
func profileLive(sys *system, dir, figure string, concurrency int, d time.Duration, load call, processes ...string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			measure(figure, concurrency, 0, 500*time.Millisecond, load)
		}
	})
	defer func() { close(stop); wg.Wait() }()
	time.Sleep(time.Second) // let the load reach its pace first
	errs := make(chan error, len(processes))
	for _, p := range processes {
		wg.Go(func() {
			out := filepath.Join(dir, slug(figure)+"-"+p+".cpu.pprof")
			errs <- fetchProfile(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", sys.admin[p], int(d.Seconds())), out)
		})
	}
	for range processes {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

func fetchProfile(url, out string) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// slug turns a figure's name into a file name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
